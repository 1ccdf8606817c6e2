"""Standard streams, files written whole, input read bounded, and untrusted text made safe."""
