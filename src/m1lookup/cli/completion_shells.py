"""What each shell needs for completion: its script, and for bash, the words and the quoting.

The scripts are m1lookup's own, not Typer's. Typer 0.28's zsh script runs ``eval`` on the
answer and hands the values to ``_arguments``, which evaluates them again: a dataset alias
ending in a backslash followed by one such as ``) ; touch /tmp/x ; ws=(`` ran that command on
TAB. Its bash script reads the answer unquoted, so bash glob-expands every value, and both its
bash and fish scripts fall back to file names where a colour name is expected.

Ours ask ``_M1LOOKUP_COMPLETE=SHELL m1lookup WORDS...`` and read back NUL-terminated records
(NUL is the one character an argument cannot hold): ``values`` and the values, or ``files``.
They never evaluate, split or glob-expand a value. Zsh's ``compadd`` and fish quote what they
insert; bash inserts verbatim, so for bash the values arrive quoted by :func:`bash_insertion`.
"""

from __future__ import annotations

import re

from m1lookup.io.text import is_safe
from m1lookup.model.records import Record

# Records the scripts read. The first is one of these; "values" is followed by the values.
VALUES = "values"
FILES = "files"

# Each script completes only when the command word names the m1lookup it was installed by, or
# the m1lookup on PATH (the same file, links followed): typing ./m1lookup<TAB> in a folder
# holding someone else's m1lookup must not run it. PROGRAM is replaced by that path, quoted.
PROGRAM = "__M1LOOKUP_PROGRAM__"

# --- bash ----------------------------------------------------------------------------------------

BASH_SCRIPT = r"""# m1lookup completion for bash 4.4 or later (m1lookup --show-completion bash).
# The answer is read with mapfile, NUL-separated: no value is split, glob-expanded or evaluated.
# The values come quoted for the word being completed (readline inserts them verbatim).
_m1lookup_completion() {
    local program= installed=__M1LOOKUP_PROGRAM__ on_path i
    local -a reply
    COMPREPLY=()
    # Only the m1lookup installed for, or m1lookup on PATH: never a stranger's ./m1lookup.
    for (( i = 0; i < ${#1}; i++ )); do  # $1 is the word as typed: undo its backslashes
        [[ ${1:i:1} == \\ ]] && (( i++ ))
        program+=${1:i:1}
    done
    [[ $1 == '~/'* ]] && program=$HOME/${program:2}
    [[ $program == */* ]] || program=$(type -P -- "$program")
    on_path=$(type -P m1lookup)
    [[ -n $program ]] || return 0
    [[ ( -n $installed && $program -ef $installed ) ||
        ( -n $on_path && $program -ef $on_path ) ]] || return 0
    mapfile -t -d '' reply < <(
        _M1LOOKUP_COMPLETE=bash "$program" "$2" "${COMP_LINE:0:COMP_POINT}" 2>/dev/null
    )
    case ${reply[0]-} in
        files) compopt -o default ;;  # readline completes file names
        values) COMPREPLY=("${reply[@]:1}") ;;
    esac
}
complete -F _m1lookup_completion m1lookup
"""

# --- zsh -----------------------------------------------------------------------------------------

ZSH_SCRIPT = r"""#compdef m1lookup
# m1lookup completion for zsh (m1lookup --show-completion zsh).
# The answer is data: NUL-separated words handed to compadd, which quotes what it inserts.
# Nothing here evaluates a value (Typer's own script ran `eval` on them).
_m1lookup() {
    local program=${(Q)words[1]} installed=__M1LOOKUP_PROGRAM__
    local -a reply
    # Only the m1lookup installed for, or m1lookup on PATH: never a stranger's ./m1lookup.
    [[ $program == '~/'* ]] && program=$HOME/${program:2}
    [[ $program == */* ]] || program=${commands[$program]-}
    [[ -n $program ]] || return 1
    [[ ( -n $installed && $program -ef $installed ) ||
        ( -n ${commands[m1lookup]-} && $program -ef ${commands[m1lookup]} ) ]] || return 1
    reply=("${(@0)$(_M1LOOKUP_COMPLETE=zsh $program \
        "${(@Q)words[2,CURRENT-1]}" "${(Q)PREFIX}" 2>/dev/null)}")
    case ${reply[1]-} in
        (files)
            [[ $PREFIX == -*=* ]] && compset -P '*='
            _files ;;
        (values)
            (( $#reply > 2 )) && compadd -- "${(@)reply[2,-2]}" ;;
    esac
}
if [[ ${zsh_eval_context[-1]-} == loadautofunc ]]; then
    _m1lookup "$@"  # autoloaded by compinit on the first TAB: answer that TAB too
else
    compdef _m1lookup m1lookup  # sourced
fi
"""

# --- fish ----------------------------------------------------------------------------------------

FISH_SCRIPT = r"""# m1lookup completion for fish (m1lookup --show-completion fish).
# Asks m1lookup once per TAB; the answer is NUL-separated, so every value stays one candidate.
# File names only where m1lookup answers that a file is expected. The first rule turns them off
# everywhere else, also for autosuggestions, which run no condition and so see only that rule.
function __m1lookup_ask
    # Both conditions below ask; m1lookup runs once per TAB, for the first.
    set -l line (commandline -pc | string collect)
    if test "$__m1lookup_asked" = "$line"
        set -e __m1lookup_asked
        return
    end
    set -g __m1lookup_asked $line
    set -g __m1lookup_reply
    set -l tokens (commandline -opc)
    # From m1lookup on: "sudo m1lookup ..." must not run sudo.
    while set -q tokens[1]; and not string match -q -r -- '(^|/)m1lookup$' $tokens[1]
        set -e tokens[1]
    end
    set -q tokens[1]; or return
    # Only the m1lookup installed for, or m1lookup on PATH: never a stranger's ./m1lookup.
    set -l program $tokens[1]
    string match -q -- '~/*' $program; and set program $HOME/(string sub -s 3 -- $program)
    string match -q -- '*/*' $program; or set program (command -s -- $program)
    set -q program[1]; or return
    set -l real (builtin realpath -- $program 2>/dev/null); or return
    set -l allowed
    for known in __M1LOOKUP_PROGRAM__ (command -s m1lookup)
        test -n "$known"; and set -a allowed (builtin realpath -- $known 2>/dev/null)
    end
    contains -- $real $allowed; or return
    set -l current (commandline -ct | string unescape | string collect)
    set -g __m1lookup_reply (
        env _M1LOOKUP_COMPLETE=fish $program $tokens[2..-1] "$current" 2>/dev/null | string split0
    )
end
function __m1lookup_values
    __m1lookup_ask
    test "$__m1lookup_reply[1]" = values; or return 1
    set -g __m1lookup_values $__m1lookup_reply[2..-1]
end
function __m1lookup_files
    __m1lookup_ask
    test "$__m1lookup_reply[1]" = files
end
complete --command m1lookup --no-files
complete --command m1lookup --no-files --condition __m1lookup_values \
    --arguments '$__m1lookup_values'
complete --command m1lookup --force-files --condition __m1lookup_files
"""

_SCRIPTS = {"bash": BASH_SCRIPT, "zsh": ZSH_SCRIPT, "fish": FISH_SCRIPT}


def script(shell: str, program: str | None) -> str:
    """The completion script of ``shell``, completing for ``program`` (a path) and for the
    m1lookup on PATH; ``None`` for the one on PATH alone."""
    quoted = _fish_quoted(program or "") if shell == "fish" else single_quoted(program or "")
    return _SCRIPTS[shell].replace(PROGRAM, quoted)


def single_quoted(text: str) -> str:
    """``text`` as one word for bash and zsh, expanding nothing."""
    return "'" + text.replace("'", "'\\''") + "'"


def _fish_quoted(text: str) -> str:
    """``text`` as one word for fish: inside ' ', only \\ and ' are escaped."""
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


# --- reading a bash command line -----------------------------------------------------------------

# The quote open at the end of a line: none, ', " or $'. PENDING: a backslash waits for the
# character it escapes, so nothing can be appended to the word.
UNQUOTED, SINGLE, DOUBLE, ANSI_C = "", "'", '"', "$'"
PENDING = "\\"

_ANSI_C_ESCAPES = {
    "a": "\a", "b": "\b", "e": "\x1b", "E": "\x1b", "f": "\f", "n": "\n", "r": "\r",
    "t": "\t", "v": "\v", "\\": "\\", "'": "'", '"': '"', "?": "?",
}  # fmt: skip
_ANSI_C_NUMBER = re.compile(r"x[0-9a-fA-F]{1,2}|[0-7]{1,3}|u[0-9a-fA-F]{1,4}|U[0-9a-fA-F]{1,8}")


class BashLine(Record):
    words: list[str]  # the words before the cursor's word, unquoted, the program first
    current: str  # the word at the cursor, unquoted
    quote: str  # the quote open at the cursor: UNQUOTED, SINGLE, DOUBLE, ANSI_C or PENDING
    redirect: bool  # the word at the cursor is the target of a redirection such as >


def split_bash_line(line: str) -> BashLine:
    """Read ``COMP_LINE`` up to the cursor as bash would, without expanding anything.

    ``$HOME`` stays as typed. Redirections (``2> file``) are not words of the command.
    """
    reader = _Reader(line)
    while reader.position < len(line) and reader.quote != PENDING:
        reader.step()
    return BashLine(reader.words, reader.text(), reader.quote, reader.redirect)


class _Reader:
    def __init__(self, line: str) -> None:
        self.line = line
        self.position = 0
        self.words: list[str] = []
        self.word: list[str] = []
        self.started = False  # a word has begun (an empty '' is a word too)
        self.redirect = False  # the next word is a redirection's target
        self.quote = UNQUOTED

    def text(self) -> str:
        # \x and octal escapes of $'...' give bytes: join them into characters as argv does.
        joined = "".join(self.word)
        try:
            return joined.encode("utf-8", "surrogateescape").decode("utf-8", "surrogateescape")
        except UnicodeEncodeError:  # a \ud800 escape: a lone surrogate, not a byte
            return joined

    def step(self) -> None:
        char = self.line[self.position]
        self.position += 1
        if self.quote == UNQUOTED:
            self._unquoted(char)
        elif char == self.quote[-1]:
            self._close()
        elif char == "\\" and self.quote != SINGLE:
            self._escape()
        else:
            self._take(char)

    def _take(self, text: str) -> None:
        self.word.append(text)

    def _close(self) -> None:
        self.quote = UNQUOTED

    def _unquoted(self, char: str) -> None:
        if char in " \t\n<>&":
            self._end_word(char)
            return
        self.started = True
        rest = self.line[self.position : self.position + 1]
        if char == "\\":
            self._escape()
        elif char in "'\"":
            self.quote = char
        elif char == "$" and rest in ("'", '"'):
            self.quote = ANSI_C if rest == "'" else DOUBLE
            self.position += 1
        else:
            self._take(char)

    def _end_word(self, separator: str) -> None:
        if self.started:
            text = self.text()
            if self.redirect:
                self.redirect = False  # that was the target
            elif not (separator in "<>" and text.isdigit()):  # the 2 of 2>file
                self.words.append(text)
            self.word, self.started = [], False
        if separator in "<>&":
            self.redirect = True

    def _escape(self) -> None:
        if self.position == len(self.line):
            self.quote = PENDING
            return
        following = self.line[self.position]
        self.position += 1
        if following == "\n" and self.quote != ANSI_C:
            return  # a backslash-newline joins two lines
        if self.quote == UNQUOTED:
            self._take(following)
        elif self.quote == DOUBLE:
            self._take(following if following in '$`"\\' else "\\" + following)
        else:
            self._ansi_c(following)

    def _ansi_c(self, following: str) -> None:
        number = _ANSI_C_NUMBER.match(self.line, self.position - 1)
        if number is None:
            self._take(_ANSI_C_ESCAPES.get(following, "\\" + following))
            return
        digits = number.group()
        self.position = number.end()
        if digits[0] in "uU":
            self._take(chr(min(int(digits[1:], 16), 0x10FFFF)))
            return
        octet = int(digits[1:], 16) if digits[0] == "x" else int(digits, 8) & 0xFF
        self._take(chr(octet) if octet < 0x80 else chr(0xDC00 + octet))  # a byte, as in argv


# --- quoting for bash ----------------------------------------------------------------------------

_PLAIN = re.compile(r"[\w@%+=:,./-]")  # \w: letters and digits of any script, and _


def bash_insertion(replaced: str, rest: str, quote: str) -> str:
    """What bash inserts in place of ``replaced`` (readline's word) to add ``rest`` to a word
    whose open quote is ``quote``: the typed text as it is, then ``rest`` quoted to match.

    Nothing in the result is expanded when the line runs: not ``$``, backquotes, globs, ``~``,
    history (``!``) or braces. Unprintable characters (newlines, escapes, bidi controls) are
    written as ``$'\\xNN'`` bytes, so none reaches the command line raw.
    """
    return replaced + "".join(_quote_char(char, quote) for char in rest)


def _quote_char(char: str, quote: str) -> str:
    if not (char.isprintable() and is_safe(char)):
        octets = "".join(f"\\x{octet:02x}" for octet in char.encode("utf-8", "surrogateescape"))
        return octets if quote == ANSI_C else f"{quote[-1:]}$'{octets}'{quote}"
    if quote == UNQUOTED:
        return char if _PLAIN.match(char) else "\\" + char
    if quote == SINGLE:
        return "'\\''" if char == "'" else char
    if quote == DOUBLE:
        if char == "!":  # history expansion happens inside double quotes
            return '"\\!"'
        return "\\" + char if char in '"$`\\' else char
    # $'...': ' and ! as escapes, so that history expansion never sees them
    return {"\\": "\\\\", "'": "\\x27", "!": "\\x21"}.get(char, char)
