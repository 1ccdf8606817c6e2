"""The bundled dataset (data/colours.toml), parsed: written by
scripts/record_bundled_checksum.py once the file is valid. Do not edit; edit the data file.

The loader uses DATA while the data file's CRC-32 is CRC32, instead of parsing it again.
"""

from typing import Any

CRC32 = 0x349A00B7
DATA: dict[str, Any] = {'schema_version': 2,
 'production': {'plant': 'BMW Plant Leipzig',
                'start': {'date': '2011-03-01',
                          'confidence': 'high',
                          'sources': ['autoplenum-2011-03-01-serienproduktion',
                                      'bild-leipzig-serienproduktion'],
                          'note': 'Series production started on 1 March 2011, as a small series '
                                  'built only to customer order, on one main line with the other 1 '
                                  'Series models [@autoplenum-2011-03-01-serienproduktion] '
                                  '[@bild-leipzig-serienproduktion].'},
                'end': {'date': '2012-06',
                        'confidence': 'medium',
                        'sources': ['bmwblog-2020-03-17-best-bmw',
                                    'bmwblog-2023-09-07-rarest-1m',
                                    'dh-ontour-1m-report',
                                    'motoring-com-au-2011-08-allocation',
                                    'sacarfan-2012-04-no-longer-on-sale',
                                    'automotiveaddicts-order-stop',
                                    'carbuzz-order-stop'],
                        'note': 'Only two sources state the actual end: bmwblog, without giving a '
                                'source [@bmwblog-2020-03-17-best-bmw] '
                                "[@bmwblog-2023-09-07-rarest-1m], and one owner's diary with a "
                                'collection at BMW Welt on 29 June 2012 [@dh-ontour-1m-report]. '
                                'The others are plans: in August 2011 BMW Asia-Pacific said it '
                                "would build the car 'until June 2012' "
                                '[@motoring-com-au-2011-08-allocation]; when orders closed in '
                                'about April 2012, Leipzig was to build until June to fill them '
                                '[@sacarfan-2012-04-no-longer-on-sale] '
                                '[@automotiveaddicts-order-stop] [@carbuzz-order-stop]. US '
                                'production alone ended in September 2011 '
                                '[@bmwblog-2012-01-10-us-740]. The other end dates reported are in '
                                'the claims.'},
                'built': {'value': 6342,
                          'confidence': 'high',
                          'sources': ['bmwblog-2025-12-09-leipzig-four-million',
                                      'bimmertoday-2025-04-03-stueckzahl',
                                      'sportscarmarket-2011-bmw-1m-profile'],
                          'note': "BMW Plant Leipzig's published per-model figure, reported by "
                                  "press: '6,342 examples completed in 2011 and 2012' "
                                  '[@bmwblog-2025-12-09-leipzig-four-million] '
                                  '[@bimmertoday-2025-04-03-stueckzahl]. Sports Car Market printed '
                                  "the same total earlier, without a source: 'Number Produced: 983 "
                                  "(U.S. spec), 6,342 (total)' "
                                  '[@sportscarmarket-2011-bmw-1m-profile]. Includes the 33 '
                                  'internal cars. The totals 6,331 and 6,339 are unexplained.'},
                'customer_cars': {'value': 6309,
                                  'confidence': 'medium',
                                  'sources': ['bimmertoday-2025-04-03-stueckzahl',
                                              'bmwblog-2020-03-17-best-bmw',
                                              'bmwblog-2023-09-07-rarest-1m'],
                                  'note': "Every share is a share of these cars. The owners' "
                                          'registry explains 6,342 as 6,309 cars for customers '
                                          "plus 33 for BMW's own use, reported by BimmerToday "
                                          '[@bimmertoday-2025-04-03-stueckzahl]; this is not a BMW '
                                          'statement. bmwblog gives 6,309 as the total produced, '
                                          'without a source [@bmwblog-2020-03-17-best-bmw] '
                                          '[@bmwblog-2023-09-07-rarest-1m].'},
                'internal_cars': {'value': 33,
                                  'confidence': 'medium',
                                  'sources': ['bimmertoday-2025-04-03-stueckzahl'],
                                  'note': 'Pre-series cars for production testing, crash-test cars '
                                          'and camouflaged test and development cars, according to '
                                          'the registry via press '
                                          '[@bimmertoday-2025-04-03-stueckzahl]. Their colours are '
                                          'unknown.'},
                'planned_cap': {'value': 2500,
                                'confidence': 'medium',
                                'sources': ['motoring-com-au-2011-08-allocation',
                                            'bimmerfile-2011-09-01-doubling'],
                                'note': 'The only figure from a named BMW person. Marcel Muhl, BMW '
                                        "M Asia-Pacific, in August 2011: 'But this year we will "
                                        'get to 4000 after thinking we would only build 2500 in '
                                        "the original plan' [@motoring-com-au-2011-08-allocation]. "
                                        "BMW's tooling run, 'around 2500 according to BMW', "
                                        'supports it [@bimmerfile-2011-09-01-doubling]. The run '
                                        "was then raised: 4,000 by the end of 2011 and 'maybe "
                                        "5000' [@motoring-com-au-2011-08-allocation]. The figures "
                                        '2,700 and 2,452 are in the claims.'},
                'individual_cars': {'value': 4,
                                    'confidence': 'medium',
                                    'sources': ['bimmertoday-2023-09-06-nuerburgring',
                                                'carmudgeons-2023-09-16-segler',
                                                'bmwblog-2023-09-07-rarest-1m'],
                                    'note': "BimmerToday: 'one of only four' cars with factory "
                                            'Individual paint '
                                            "[@bimmertoday-2023-09-06-nuerburgring]. Kay Segler's "
                                            'own count, reported in a forum: 2 Monte Carlo Blue, 1 '
                                            'Atacama Yellow and 1 Java Green '
                                            "[@carmudgeons-2023-09-16-segler]. bmwblog's list adds "
                                            'up to the same four [@bmwblog-2023-09-07-rarest-1m]. '
                                            'All second-hand; the day before, bmwblog said three '
                                            '[@bmwblog-2023-09-06-80-coupes], and it said three '
                                            'again in 2024 [@bmwblog-2024-08-26-92-cars]. Sepang '
                                            'Bronze is not among them.'}},
 'claims': [{'topic': 'built',
             'value': 6342,
             'used': True,
             'confidence': 'high',
             'sources': ['bmwblog-2025-12-09-leipzig-four-million',
                         'bimmertoday-2025-04-03-stueckzahl',
                         'sportscarmarket-2011-bmw-1m-profile'],
             'note': "BMW Plant Leipzig's published figure, reported by press "
                     '[@bmwblog-2025-12-09-leipzig-four-million] '
                     "[@bimmertoday-2025-04-03-stueckzahl]; Sports Car Market's auction profile "
                     'printed it earlier, without a source [@sportscarmarket-2011-bmw-1m-profile]. '
                     'The registry reconciles it with 6,309: customer cars plus 33 internal cars '
                     '[@bimmertoday-2025-04-03-stueckzahl].'},
            {'topic': 'built',
             'value': 6331,
             'used': False,
             'confidence': 'low',
             'sources': ['bimmertoday-2023-09-06-nuerburgring',
                         'bmwblog-2023-09-06-80-coupes',
                         'tienhieptruyenky-1m'],
             'note': 'No source cited; unexplained [@bimmertoday-2023-09-06-nuerburgring] '
                     '[@bmwblog-2023-09-06-80-coupes]. A machine-spun copy of a dealer article '
                     "says '6,331 units were delivered to Europe & America' "
                     '[@tienhieptruyenky-1m].'},
            {'topic': 'built',
             'value': 6339,
             'used': False,
             'confidence': 'low',
             'sources': ['autoblog-nl-1m-coupes-bij-elkaar'],
             'note': 'No source cited; unexplained [@autoblog-nl-1m-coupes-bij-elkaar].'},
            {'topic': 'built',
             'value': 1000,
             'used': False,
             'confidence': 'low',
             'sources': ['motori-it-2011-pensione'],
             'note': 'About 1,000 built in all, reported in 2011, when production was to end with '
                     "that year: 'dopo circa 1000 esemplari assemblati in totale' "
                     '[@motori-it-2011-pensione]. An early report, superseded: production ran to '
                     'June 2012 and 6,342 were built.'},
            {'topic': 'built',
             'value': 2000,
             'used': False,
             'confidence': 'low',
             'sources': ['motoradictos-2012-leyenda'],
             'note': "At most 2,000 built, in a 2012 article on the end of production: 'no "
                     "superando en ningún caso las 2.000 unidades producidas' "
                     '[@motoradictos-2012-leyenda]. Wrong: 6,342 were built.'},
            {'topic': 'customer_cars',
             'value': 6309,
             'used': True,
             'confidence': 'medium',
             'sources': ['bimmertoday-2025-04-03-stueckzahl',
                         'bmwblog-2020-03-17-best-bmw',
                         'bmwblog-2023-09-07-rarest-1m'],
             'note': 'Registry: 6,309 cars for customers plus 33 internal cars make 6,342 '
                     '[@bimmertoday-2025-04-03-stueckzahl]. bmwblog calls 6,309 the total '
                     'produced, without a source [@bmwblog-2020-03-17-best-bmw] '
                     "[@bmwblog-2023-09-07-rarest-1m]; the registry's reading is used."},
            {'topic': 'planned_cap',
             'value': 2500,
             'used': True,
             'confidence': 'medium',
             'sources': ['motoring-com-au-2011-08-allocation', 'bimmerfile-2011-09-01-doubling'],
             'note': "The only figure from a named BMW person: Marcel Muhl spoke of 'thinking we "
                     "would only build 2500 in the original plan' "
                     "[@motoring-com-au-2011-08-allocation], supported by BMW's tooling run of "
                     'about 2,500 [@bimmerfile-2011-09-01-doubling]. No BMW press release stating '
                     'a cap was found.'},
            {'topic': 'planned_cap',
             'value': 2700,
             'used': False,
             'confidence': 'low',
             'sources': ['autoblog-2010-09-13-limited-2700',
                         'ridelust-2010-09-14-limited-availability',
                         'drive-com-au-2010-09-15-limited-2700',
                         'superstreetonline-1-series-m',
                         'bmwblog-2020-03-17-best-bmw',
                         'autoblog-nl-1m-coupes-bij-elkaar'],
             'note': "Widely repeated, with no BMW source. It began as a dealer's hearsay, passed "
                     'on from an M3 forum: a salesman at a Maryland BMW dealer who had won a sales '
                     "competition said 'there will be just 2,700 examples sold' "
                     '[@autoblog-2010-09-13-limited-2700]. Before launch others repeated it as a '
                     'rumour [@ridelust-2010-09-14-limited-availability] '
                     '[@drive-com-au-2010-09-15-limited-2700] [@superstreetonline-1-series-m]; '
                     'later articles repeat it without a source [@bmwblog-2020-03-17-best-bmw] '
                     '[@autoblog-nl-1m-coupes-bij-elkaar].'},
            {'topic': 'planned_cap',
             'value': 2452,
             'used': False,
             'confidence': 'low',
             'sources': ['sacarfan-2012-04-no-longer-on-sale'],
             'note': 'One enthusiast blog only; no other source has this number '
                     '[@sacarfan-2012-04-no-longer-on-sale].'},
            {'topic': 'planned_cap',
             'value': 4000,
             'used': False,
             'confidence': 'medium',
             'sources': ['motoring-com-au-2011-08-allocation'],
             'note': 'A raised plan, not the original one. Marcel Muhl, BMW M Asia-Pacific, in '
                     "August 2011: 'But this year we will get to 4000 after thinking we would only "
                     "build 2500 in the original plan' [@motoring-com-au-2011-08-allocation]. Not "
                     'used: the original plan was 2,500, and production ran on to June 2012.'},
            {'topic': 'planned_cap',
             'value': 5000,
             'used': False,
             'confidence': 'low',
             'sources': ['motoring-com-au-2011-08-allocation', 'bimmerfile-2011-09-01-doubling'],
             'note': "'Maybe we will get to 5000 cars, we don't limit it' (Marcel Muhl, August "
                     '2011) [@motoring-com-au-2011-08-allocation]: a possibility, not a plan. '
                     'Bimmerfile reported it as a rumour that production would double from 2,500 '
                     'to 5,000 [@bimmerfile-2011-09-01-doubling].'},
            {'topic': 'individual_cars',
             'value': 4,
             'used': True,
             'confidence': 'medium',
             'sources': ['bimmertoday-2023-09-06-nuerburgring',
                         'carmudgeons-2023-09-16-segler',
                         'bmwblog-2023-09-07-rarest-1m'],
             'note': "BimmerToday's 'four' [@bimmertoday-2023-09-06-nuerburgring], Kay Segler's 2 "
                     "+ 1 + 1 reported in a forum [@carmudgeons-2023-09-16-segler] and bmwblog's "
                     'list [@bmwblog-2023-09-07-rarest-1m] agree.'},
            {'topic': 'individual_cars',
             'value': 3,
             'used': False,
             'confidence': 'low',
             'sources': ['bmwblog-2023-09-06-80-coupes', 'bmwblog-2024-08-26-92-cars'],
             'note': "'three special 1M models that rolled out in 2011' "
                     '[@bmwblog-2023-09-06-80-coupes]; a year later, in its report of the '
                     "register's 2024 meet, the same site again: 'It is believed three units were "
                     "pampered with Individual paints' [@bmwblog-2024-08-26-92-cars]. Contradicted "
                     'by the three sources for four. That report also counts 92 cars at the meet, '
                     'where BimmerToday counts 94 from 13 countries '
                     '[@bimmertoday-2025-04-03-stueckzahl].'},
            {'topic': 'end',
             'value': '2012-06',
             'used': True,
             'confidence': 'medium',
             'sources': ['bmwblog-2020-03-17-best-bmw',
                         'bmwblog-2023-09-07-rarest-1m',
                         'dh-ontour-1m-report',
                         'motoring-com-au-2011-08-allocation',
                         'sacarfan-2012-04-no-longer-on-sale',
                         'automotiveaddicts-order-stop',
                         'carbuzz-order-stop'],
             'note': 'The actual end is stated only by bmwblog, without a source '
                     '[@bmwblog-2020-03-17-best-bmw] [@bmwblog-2023-09-07-rarest-1m], and by an '
                     "owner's diary with a collection at BMW Welt on 29 June 2012 "
                     "[@dh-ontour-1m-report]. BMW Asia-Pacific's August 2011 plan "
                     '[@motoring-com-au-2011-08-allocation] and the April 2012 order stop '
                     '[@sacarfan-2012-04-no-longer-on-sale] [@automotiveaddicts-order-stop] '
                     '[@carbuzz-order-stop] point to the same month.'},
            {'topic': 'end',
             'value': '2011-12',
             'used': False,
             'confidence': 'low',
             'sources': ['thedetroitbureau-2011-05-one-year'],
             'note': "May 2011 plan from BMW NA's Matt Russell: a one-year car, out of production "
                     "'no later than December' [@thedetroitbureau-2011-05-one-year]. Superseded: "
                     'production ran to June 2012.'},
            {'topic': 'end',
             'value': '2012-12',
             'used': False,
             'confidence': 'low',
             'sources': ['sportscarmarket-2011-bmw-1m-profile'],
             'note': "Sports Car Market: 'Production ceased at the end of 2012' "
                     '[@sportscarmarket-2011-bmw-1m-profile]. Against every other source; judged '
                     'wrong.'},
            {'topic': 'sold',
             'value': 1054,
             'used': False,
             'confidence': 'low',
             'sources': ['drive-com-au-1m-preview'],
             'note': "'1054 1 Series M Coupes finding new homes between April and July this year' "
                     '(2011) [@drive-com-au-1m-preview]. Unclear whether worldwide or in one '
                     'market; not used without confirmation.'}],
 'colours': [{'id': 'valencia-orange',
              'name': 'Valencia Orange',
              'aliases': ['Valencia Naranja'],
              'paint_code': 'WB44',
              'paint_code_confidence': 'low',
              'paint_code_sources': ['fwdtrek-2025-11-iconic-colours'],
              'paint_code_note': "Written as the only page that gives a code writes it, 'Valencia "
                                 "Orange (WB44)' [@fwdtrek-2025-11-iconic-colours]. The same page "
                                 'calls the 1M an E87 variant that arrived in 2010, so the code is '
                                 'unconfirmed; no other page and no public code table gives a code '
                                 "for this paint. 'B44', the code without its W, is an inference "
                                 'that no source makes. The code is kept, at low confidence, '
                                 'because it is the only lead.',
              'programme': 'factory',
              'programme_confidence': 'high',
              'programme_sources': ['bmwblog-2011-02-12-colours',
                                    'bimmertoday-2023-09-06-nuerburgring',
                                    'abc-sevilla-2011-05-12-launch'],
              'finish': 'metallic',
              'finish_confidence': 'high',
              'finish_sources': ['bmwblog-2011-02-12-colours',
                                 'aol-uk-2011-12-13-road-test',
                                 'automotiverhythms-small-wonder'],
              'swatch': '#C45A1A',
              'swatch_note': 'approximate display colour from public configurator data for other '
                             'BMW models (weak); not a paint measurement',
              'notes': 'Worldwide count unknown: nobody has published one. One of the three '
                       'regular colours [@bmwblog-2011-02-12-colours] '
                       '[@bimmertoday-2023-09-06-nuerburgring]; the marketing colour at launch '
                       "[@bmwblog-2011-02-12-colours] and its 'signature colour' "
                       '[@ausmotive-2010-08-30-oktoberfest]. The most popular colour in the US '
                       '[@bmwblog-2012-01-10-us-740]; popular in the UK, without figures '
                       '[@carview-uk-used-1m]. The Daytona pace car counted in the US 740 was '
                       'orange [@bmwblog-2012-01-10-us-740]. No German name was found: '
                       "German-language press writes 'Valencia Orange'. That it is 'simply the GTS "
                       "color with metallic flake embedded' is hearsay from the 2010 reveal "
                       '[@bimmerfile-2010-08-31-reveal]. Spanish name: Valencia Naranja '
                       '[@abc-sevilla-2011-05-12-launch].',
              'search_spellings': [{'spelling': 'VO',
                                    'note': 'An abbreviation the tool accepts; no source writes '
                                            'it.'},
                                   {'spelling': 'B44',
                                    'note': 'An inference, not a source: the only page that gives '
                                            "a code writes 'WB44' "
                                            "[@fwdtrek-2025-11-iconic-colours], and 'B44' is that "
                                            "code without its W. No source gives 'B44' for this "
                                            'paint.'}],
              'market_counts': [{'market': 'north-america',
                                 'kind': 'sold',
                                 'value': 435,
                                 'confidence': 'low',
                                 'sources': ['automobilismo-2021-04-23-1m-coupe'],
                                 'note': "'uno dei 435 esemplari che nel Nord America è stato "
                                         "venduto' in Valencia Orange Metallic "
                                         '[@automobilismo-2021-04-23-1m-coupe]. The article cites '
                                         'no source and reads like a rewrite of an auction '
                                         "listing. 'Nord America' is ambiguous: out of the US 740 "
                                         '[@bmwblog-2012-01-10-us-740], or out of the 960 or 983 '
                                         'for the US and Canada together. Only the US ranking, '
                                         'orange first [@bmwblog-2012-01-10-us-740], agrees in '
                                         'direction; nothing confirms the number. A count for one '
                                         'market, not a worldwide count.'}]},
             {'id': 'alpine-white',
              'name': 'Alpine White',
              'name_de': 'Alpinweiß',
              'name_de_confidence': 'high',
              'name_de_sources': ['bimmertoday-2023-09-06-nuerburgring',
                                  'bimmertoday-2025-09-26-treffen'],
              'aliases': ['Blanco Alpina'],
              'paint_code': '300',
              'paint_code_confidence': 'low',
              'paint_code_sources': ['lebezout-bmw-e8x-faq-teintes', 'grokipedia-bmw-paint-code'],
              'paint_code_note': "300 is Alpine White ('AlpinWeiss III') in the BMW 1 Series "
                                 'catalogue [@lebezout-bmw-e8x-faq-teintes] and on a generic, '
                                 'AI-written page [@grokipedia-bmw-paint-code]. No source ties the '
                                 'code to the 1M by name.',
              'programme': 'factory',
              'programme_confidence': 'high',
              'programme_sources': ['bmwblog-2011-02-12-colours',
                                    'bimmertoday-2023-09-06-nuerburgring',
                                    'abc-sevilla-2011-05-12-launch'],
              'finish': 'solid',
              'finish_confidence': 'medium',
              'finish_sources': ['automobili10-2011-produzione-fine-2011',
                                 'bmwblog-2026-03-12-most-iconic-colour'],
              'swatch': '#F4F4F2',
              'swatch_note': 'approximate display colour from public configurator data for other '
                             'BMW models (weak); not a paint measurement',
              'notes': 'Count unknown: nobody has published one. One of the three regular colours '
                       '[@bmwblog-2011-02-12-colours] [@bimmertoday-2023-09-06-nuerburgring]; '
                       'no-cost paint in the UK [@bmwblog-2011-02-12-colours]. Second in US '
                       'popularity [@bmwblog-2012-01-10-us-740]. Spanish name: Blanco Alpina '
                       '[@abc-sevilla-2011-05-12-launch]. The finish: an Italian report of 2011 '
                       "lists the 1M's colours as 'bianco pastello, nero metallizzato e "
                       "arancione', a solid white [@automobili10-2011-produzione-fine-2011]; an "
                       "English one writes 'Alpine White, Black Sapphire Metallic or Valencia "
                       "Orange Metallic', metallic for the other two only "
                       "[@automotiverhythms-small-wonder]; and a later page calls Alpine White 'a "
                       "crisp, non-metallic white' and names the 1M among the cars painted in it "
                       '[@bmwblog-2026-03-12-most-iconic-colour].',
              'search_spellings': [{'spelling': 'Alpine White III',
                                    'note': "BMW's name for paint 300 in the 1 Series catalogue, "
                                            "'AlpinWeiss III' [@lebezout-bmw-e8x-faq-teintes]. No "
                                            "source calls the 1M's white that: that the 1M's "
                                            'Alpine White is paint 300 is an inference.'},
                                   {'spelling': 'Alpinweiß III',
                                    'note': "BMW's German name for paint 300 in the 1 Series "
                                            "catalogue, 'AlpinWeiss III' "
                                            '[@lebezout-bmw-e8x-faq-teintes]. No source calls the '
                                            "1M's white that: that the 1M's Alpine White is paint "
                                            '300 is an inference.'}]},
             {'id': 'black-sapphire',
              'name': 'Black Sapphire',
              'name_de': 'Saphirschwarz',
              'name_de_confidence': 'high',
              'name_de_sources': ['bimmertoday-2023-09-06-nuerburgring',
                                  'bimmertoday-2025-09-26-treffen'],
              'aliases': ['Negro Zafiro'],
              'paint_code': '475',
              'paint_code_confidence': 'low',
              'paint_code_sources': ['lebezout-bmw-e8x-faq-teintes', 'grokipedia-bmw-paint-code'],
              'paint_code_note': "475 is Black Sapphire ('Saphirschwarz') in the BMW 1 Series "
                                 'catalogue [@lebezout-bmw-e8x-faq-teintes] and on a generic, '
                                 'AI-written page [@grokipedia-bmw-paint-code]. No source ties the '
                                 'code to the 1M by name.',
              'programme': 'factory',
              'programme_confidence': 'high',
              'programme_sources': ['bmwblog-2011-02-12-colours',
                                    'bimmertoday-2023-09-06-nuerburgring',
                                    'abc-sevilla-2011-05-12-launch'],
              'finish': 'metallic',
              'finish_confidence': 'medium',
              'finish_sources': ['automobili10-2011-produzione-fine-2011',
                                 'automotiverhythms-small-wonder',
                                 'grokipedia-bmw-paint-code'],
              'swatch': '#0B0B0C',
              'swatch_note': 'approximate display colour from public configurator data for other '
                             'BMW models (weak); not a paint measurement',
              'notes': 'Count unknown: nobody has published one. One of the three regular colours '
                       '[@bmwblog-2011-02-12-colours] [@bimmertoday-2023-09-06-nuerburgring]; '
                       'extra-cost paint in the UK [@bmwblog-2011-02-12-colours]. Third in US '
                       "popularity [@bmwblog-2012-01-10-us-740]; 'I rarely see the 1 Series M in "
                       "black', an anecdote without a figure [@bmwblog-2016-09-15-chris-harris]. "
                       'Spanish name: Negro Zafiro [@abc-sevilla-2011-05-12-launch]. The finish is '
                       "named for the 1M by two reports: 'Black Sapphire Metallic' "
                       "[@automotiverhythms-small-wonder] and 'nero metallizzato' "
                       "[@automobili10-2011-produzione-fine-2011]; and by a generic page, '475 for "
                       "Black Sapphire Metallic' [@grokipedia-bmw-paint-code]. A dealer's hearsay "
                       'before launch [@autoblog-2010-09-13-limited-2700], the reports that '
                       'repeated it [@ridelust-2010-09-14-limited-availability] '
                       '[@drive-com-au-2010-09-15-limited-2700] [@superstreetonline-1-series-m] '
                       "and a 2016 article [@bmwblog-2016-09-15-chris-harris] say 'Jet Black'; "
                       'that is treated as a misnaming, so it is not an alias.'},
             {'id': 'monte-carlo-blue',
              'name': 'Monte Carlo Blue',
              'aliases': ['MC blue'],
              'programme': 'individual',
              'programme_confidence': 'medium',
              'programme_sources': ['bmwblog-2023-09-07-rarest-1m',
                                    'carmudgeons-2023-09-16-segler',
                                    'bmwblog-2023-09-06-80-coupes'],
              'swatch': '#1F4E8C',
              'swatch_note': 'display approximation chosen by m1lookup; no published colour value',
              'count': 2,
              'count_confidence': 'low',
              'count_sources': ['bmwblog-2023-09-07-rarest-1m', 'carmudgeons-2023-09-16-segler'],
              'count_note': "'one of only two ever painted by BMW Individual in this color' "
                            "[@bmwblog-2023-09-07-rarest-1m]; Kay Segler's own count, reported in "
                            "a forum, also gives two: 'two in MC blue' "
                            '[@carmudgeons-2023-09-16-segler]. Both are second-hand, and neither '
                            "cites a document, so the count is rated low. BimmerToday's 'only "
                            "four' Individual cars [@bimmertoday-2023-09-06-nuerburgring] does not "
                            'name this colour, so it is not a source for this count.',
              'notes': 'One car belongs to Dr Kay Segler, former CEO of BMW M '
                       '[@bmwblog-2023-09-07-rarest-1m]: black leather with Monte Carlo Blue '
                       'stitching [@bmwblog-2023-09-06-80-coupes] and chrome window surrounds '
                       'instead of Shadowline [@carmudgeons-2023-09-16-segler]. bmwblog called his '
                       'car a rumour on 2023-09-06 [@bmwblog-2023-09-06-80-coupes] and a fact the '
                       'next day [@bmwblog-2023-09-07-rarest-1m]. Owner and market of the second '
                       'car are unknown. No paint code, and no finish from a source about the 1M, '
                       "was found. The forum writes 'MC blue' [@carmudgeons-2023-09-16-segler].",
              'search_spellings': [{'spelling': 'MCB',
                                    'note': 'An abbreviation the tool accepts; no source about the '
                                            '1M writes it.'}]},
             {'id': 'java-green',
              'name': 'Java Green',
              'aliases': ['Java Grün', 'Green Mamba'],
              'programme': 'individual',
              'programme_confidence': 'medium',
              'programme_sources': ['bmwblog-2023-09-06-80-coupes',
                                    'carmudgeons-2023-09-16-segler',
                                    'bmwblog-2023-09-07-rarest-1m'],
              'swatch': '#3FA535',
              'swatch_note': 'display approximation chosen by m1lookup; no published colour value',
              'count': 1,
              'count_confidence': 'medium',
              'count_sources': ['bimmertoday-2025-09-26-treffen',
                                'bmwblog-2025-09-26-register-105',
                                'bmwblog-2023-09-07-rarest-1m',
                                'carmudgeons-2023-09-16-segler'],
              'count_note': "'the only 1 Series M ever painted in Java Green' "
                            "[@bmwblog-2025-09-26-register-105]; 'das einzige BMW 1er M Coupé in "
                            "Java Green' [@bimmertoday-2025-09-26-treffen]; the car was seen at "
                            "the register's meets. bmwblog's 2023 list "
                            "[@bmwblog-2023-09-07-rarest-1m] and Segler's count "
                            '[@carmudgeons-2023-09-16-segler] also have one.',
              'notes': "Known as 'Green Mamba'; handed over at BMW Welt, Munich "
                       '[@bimmertoday-2025-09-26-treffen]. Market and owner are otherwise unknown. '
                       'The codes WP4F, B60 and D03 appear only in unreliable code tables that '
                       "contradict each other, so the code is unknown. 'Java Grün' comes from one "
                       'of those tables; no reliable source gives a German name or the finish.'},
             {'id': 'atacama-yellow',
              'name': 'Atacama Yellow',
              'aliases': [],
              'programme': 'individual',
              'programme_confidence': 'low',
              'programme_sources': ['carmudgeons-2023-09-16-segler',
                                    'bmwblog-2023-09-07-rarest-1m'],
              'swatch': '#F2C200',
              'swatch_note': 'display approximation chosen by m1lookup; no published colour value',
              'count': 1,
              'count_confidence': 'low',
              'count_sources': ['bmwblog-2023-09-07-rarest-1m', 'carmudgeons-2023-09-16-segler'],
              'count_note': "One sentence in bmwblog, 'a Atacama Yellow 1M' "
                            "[@bmwblog-2023-09-07-rarest-1m], and Segler's count reported in a "
                            'forum [@carmudgeons-2023-09-16-segler].',
              'notes': 'No owner, market or photo is known. No paint code and no German name were '
                       "found: no page was found that writes 'Atacamagelb'."},
             {'id': 'sepang-bronze',
              'name': 'Sepang Bronze',
              'aliases': [],
              'programme': 'unconfirmed',
              'programme_confidence': 'low',
              'programme_sources': ['autoblog-nl-1m-coupes-bij-elkaar'],
              'swatch': '#8C5A2B',
              'swatch_note': 'display approximation chosen by m1lookup; no published colour value',
              'verdict': 'Probably a repaint or a wrap, not a factory colour (an inference): the '
                         'four factory BMW Individual cars reported '
                         '[@bimmertoday-2023-09-06-nuerburgring] [@bmwblog-2023-09-07-rarest-1m] '
                         'are in other colours.',
              'notes': 'Named once among cars in other colours, most of which, the same page says, '
                       'were repainted later [@autoblog-nl-1m-coupes-bij-elkaar]. Not counted '
                       'among factory cars. No paint code found.'}],
 'catalogue': [{'code': '354',
                'name': 'Titanium Silver',
                'name_de': 'Titansilber',
                'sources': ['lebezout-bmw-e8x-faq-teintes']},
               {'code': '381',
                'name': 'Le Mans Blue',
                'name_de': 'Le Mans Blau',
                'aliases': ['LeMans Blue'],
                'remark': 'M package and Sport Design only',
                'sources': ['lebezout-bmw-e8x-faq-teintes']},
               {'code': '416',
                'name': 'Carbon Black',
                'name_de': 'Carbonschwarz',
                'remark': 'Limited Sport Edition only',
                'sources': ['lebezout-bmw-e8x-faq-teintes']},
               {'code': '438',
                'name': 'Japan Red',
                'name_de': 'Japanrot',
                'remark': 'E87 phase 1 only',
                'sources': ['lebezout-bmw-e8x-faq-teintes']},
               {'code': 'A17',
                'name': 'Havana',
                'name_de': 'Havanna',
                'sources': ['lebezout-bmw-e8x-faq-teintes']},
               {'code': 'A18',
                'name': 'Quartz Blue',
                'name_de': 'Quartz Blau',
                'sources': ['lebezout-bmw-e8x-faq-teintes']},
               {'code': 'A19',
                'name': 'Sydney Blue',
                'name_de': 'Sydneyblau',
                'remark': 'E87 phase 1 only; never seen on a 130i',
                'sources': ['lebezout-bmw-e8x-faq-teintes']},
               {'code': 'A21',
                'name': 'Nautic Blue',
                'name_de': 'Nautikblau',
                'remark': 'E87 phase 1 only',
                'sources': ['lebezout-bmw-e8x-faq-teintes']},
               {'code': 'A22',
                'name': 'Sparkling Graphite',
                'name_de': 'Sparkling Graphit',
                'sources': ['lebezout-bmw-e8x-faq-teintes']},
               {'code': 'A23',
                'name': 'Sonora',
                'name_de': 'Sonora',
                'remark': 'E87 phase 1 only',
                'sources': ['lebezout-bmw-e8x-faq-teintes']},
               {'code': 'A35',
                'name': 'Monaco Blue',
                'name_de': 'Monaco Blau',
                'sources': ['lebezout-bmw-e8x-faq-teintes']},
               {'code': 'A51',
                'name': 'Montego Blue',
                'name_de': 'Montego Blau',
                'remark': 'From phase 2 (2007)',
                'sources': ['lebezout-bmw-e8x-faq-teintes']},
               {'code': 'A52',
                'name': 'Space Grey',
                'name_de': 'Spacegrau',
                'aliases': ['Space Gray'],
                'remark': 'From phase 2 (2007)',
                'sources': ['lebezout-bmw-e8x-faq-teintes']},
               {'code': 'A61',
                'name': 'Crimson Red',
                'name_de': 'Karmesinrot',
                'remark': 'From phase 2 (2007)',
                'sources': ['lebezout-bmw-e8x-faq-teintes']},
               {'code': 'A71',
                'name': 'Patagonia Green',
                'name_de': 'Patagoniagrün',
                'remark': 'From phase 2; very rare; never seen on a 130i',
                'sources': ['lebezout-bmw-e8x-faq-teintes']},
               {'code': 'A76',
                'name': 'Deep Sea Blue',
                'name_de': 'Tiefseeblau',
                'sources': ['lebezout-bmw-e8x-faq-teintes']},
               {'code': 'A78',
                'name': 'Tahiti Green',
                'name_de': 'Tahitigrün',
                'remark': 'From phase 2; very rare; never seen on a 130i',
                'sources': ['lebezout-bmw-e8x-faq-teintes']},
               {'code': 'B09',
                'name': 'Marrakesh Brown',
                'name_de': 'Marrakeschbraun',
                'aliases': ['Marrakech Brown'],
                'remark': 'From phase 2; very rare; never seen on a 130i',
                'sources': ['lebezout-bmw-e8x-faq-teintes']},
               {'code': '896',
                'name': 'Bluewater',
                'name_de': 'Bluewater',
                'aliases': ['Blue Water'],
                'remark': 'From phase 2; rare; never seen on a 130i',
                'sources': ['lebezout-bmw-e8x-faq-teintes']}],
 'misnamings': [{'name': 'Jet Black',
                 'colour': 'black-sapphire',
                 'note': "A dealer's hearsay before launch used this name "
                         '[@autoblog-2010-09-13-limited-2700], and pre-launch reports repeated it '
                         '[@ridelust-2010-09-14-limited-availability] '
                         '[@drive-com-au-2010-09-15-limited-2700] [@superstreetonline-1-series-m]. '
                         "In 2016 bmwblog used it for Chris Harris's car "
                         '[@bmwblog-2016-09-15-chris-harris], and a Singapore blog copied that '
                         "[@bmw-sg-2016-09-16-chris-harris]. The 1M's black is Black Sapphire, in "
                         'German Saphirschwarz [@bmwblog-2012-01-10-us-740] '
                         '[@bimmertoday-2023-09-06-nuerburgring].',
                 'sources': ['autoblog-2010-09-13-limited-2700',
                             'ridelust-2010-09-14-limited-availability',
                             'drive-com-au-2010-09-15-limited-2700',
                             'superstreetonline-1-series-m',
                             'bmwblog-2016-09-15-chris-harris',
                             'bmw-sg-2016-09-16-chris-harris']}],
 'sources': [{'id': 'ausmotive-2010-08-30-oktoberfest',
              'title': 'BMW 1M Coupé previewed at US Oktoberfest show',
              'publisher': 'ausmotive',
              'date': '2010-08-30',
              'url': 'http://www.ausmotive.com/2010/08/30/bmw-1m-coupe-previewed-at-us-oktoberfest-show.html',
              'kind': 'press'},
             {'id': 'bimmerfile-2010-08-31-reveal',
              'title': 'The 1M reveal: a look back at the event',
              'publisher': 'Bimmerfile',
              'date': '2010-08-31',
              'url': 'http://www.bimmerfile.com/2010/08/31/the-1m-reveal-a-look-back-at-the-event/',
              'kind': 'press'},
             {'id': 'autoblog-2010-09-13-limited-2700',
              'title': 'BMW 1 Series M Coupe limited to just 2,700 units in three colors',
              'title_is_description': True,
              'publisher': 'Autoblog',
              'date': '2010-09-13',
              'url': 'http://www.autoblog.com/2010/09/13/bmw-1-series-m-coupe-limited-to-just-2-700-units-in-three-colors/',
              'kind': 'press'},
             {'id': 'ridelust-2010-09-14-limited-availability',
              'title': '2011 BMW 1 Series M Coupe To Have Limited Availability',
              'publisher': 'Ride Lust',
              'date': '2010-09-14',
              'url': 'http://www.ridelust.com/2011-bmw-1-series-m-coupe-to-have-limited-availability/',
              'kind': 'press'},
             {'id': 'drive-com-au-2010-09-15-limited-2700',
              'title': '2011 BMW 1 Series M Coupe could be limited to just 2700 units',
              'publisher': 'Drive.com.au',
              'date': '2010-09-15',
              'url': 'https://www.drive.com.au/news/2011-bmw-1-series-m-coupe-limited-production-of-2700/',
              'kind': 'press'},
             {'id': 'motori-it-2011-pensione',
              'title': 'Bmw Serie 1 M coupé: in pensione già nel 2011',
              'publisher': 'Motori.it',
              'date': '2011',
              'url': 'https://www.motori.it/anteprime/9324/bmw-serie-1-m-coupe-pensione-gia-nel-2011.html',
              'kind': 'press'},
             {'id': 'automobili10-2011-produzione-fine-2011',
              'title': 'Bmw Serie 1 M: la produzione si fermerà a fine 2011',
              'publisher': 'automobili10.it',
              'date': '2011',
              'url': 'http://www.automobili10.it/bmw-serie-1-m-la-produzione-si-fermera-a-fine-2011-23396.html',
              'kind': 'press'},
             {'id': 'alpina-b3-blog-2011-01-31',
              'title': '1シリーズMクーペ、日本導入見送りか?',
              'publisher': 'alpina-b3 blog (ss-blog.jp)',
              'date': '2011-01-31',
              'url': 'https://alpina-b3.blog.ss-blog.jp/2011-01-31',
              'kind': 'weak'},
             {'id': 'bmwblog-2011-02-02-us-60-per-month',
              'title': 'Exclusive: BMW 1M production average of 60 units/month for U.S. market',
              'publisher': 'BMWBLOG',
              'date': '2011-02-02',
              'url': 'https://www.bmwblog.com/2011/02/02/exclusive-bmw-1m-production-average-of-60-unitsmonth-for-u-s-market/',
              'kind': 'press'},
             {'id': 'bimmerfile-2011-02-05-production-rumors',
              'title': 'BMW 1M Production Rumors',
              'publisher': 'Bimmerfile',
              'date': '2011-02-05',
              'url': 'http://www.bimmerfile.com/2011/02/05/bmw-1m-production-rumors/',
              'kind': 'press'},
             {'id': 'bmwblog-2011-02-12-colours',
              'title': 'BMW 1M: Sapphire Black and Alpine White colors',
              'publisher': 'BMWBLOG',
              'date': '2011-02-12',
              'url': 'https://www.bmwblog.com/2011/02/12/bmw-1m-sapphire-black-and-alpine-white-colors/',
              'kind': 'press'},
             {'id': 'bimmerfile-2011-02-12-allocations',
              'title': '1M update: allocations out Feb 16th, no ED discount',
              'publisher': 'Bimmerfile',
              'date': '2011-02-12',
              'url': 'https://www.bimmerfile.com/2011/02/12/1m-update-allocations-out-feb-16th-no-ed-discount/',
              'kind': 'press'},
             {'id': 'bmwblog-2011-02-17-canada-pricing',
              'title': '2011 CIAS: BMW Canada announces 1M pricing',
              'publisher': 'BMWBLOG',
              'date': '2011-02-17',
              'url': 'https://www.bmwblog.com/2011/02/17/2011-cias-bmw-canada-announces-1m-pricing/',
              'kind': 'press'},
             {'id': 'autoplenum-2011-03-01-serienproduktion',
              'title': 'Start der Serienproduktion des BMW 1er M Coupés in Sachsen',
              'publisher': 'autoplenum.de (auto-reporter.net)',
              'date': '2011-03-01',
              'url': 'https://autoplenum.de/auto/tests/start-der-serienproduktion-des-bmw-1er-m-coupes-in-sachsen-id13483',
              'kind': 'official'},
             {'id': 'bild-leipzig-serienproduktion',
              'title': 'BMW-Werk Leipzig: Neues Modell in Serienproduktion',
              'publisher': 'Bild (dpa)',
              'date': '2011-03-01',
              'url': 'https://www.bild.de/regional/leipzig/bmwwerk-leipzig-neues-modell-in-serienproduktion-16216504.bild.html',
              'kind': 'press'},
             {'id': 'thedetroitbureau-2011-05-one-year',
              'title': "BMW's new 1 M will be pulled after only one year",
              'publisher': 'The Detroit Bureau',
              'date': '2011-05',
              'url': 'https://thedetroitbureau.com/2011/05/bmws-new-1-m-will-be-pulled-after-only-one-year/',
              'kind': 'press'},
             {'id': 'abc-sevilla-2011-05-12-launch',
              'title': 'BMW 1 Series M Coupé: Spanish launch, colours and price',
              'title_is_description': True,
              'publisher': 'ABC Sevilla',
              'date': '2011-05-12',
              'url': 'https://sevilla.abc.es/20110512/motor-novedades/abci-coupe-bajo-derecho-201105121305.html',
              'kind': 'press'},
             {'id': 'aol-uk-2011-05-19-first-drive',
              'title': 'First drive: BMW 1-Series M Coupe',
              'publisher': 'AOL UK',
              'date': '2011-05-19',
              'url': 'https://www.aol.co.uk/2011/05/19/first-drive-bmw-1-series-m-coupe/',
              'kind': 'press'},
             {'id': 'bmwcoop-2011-05-26-december',
              'title': 'The new BMW 1 Series M Coupe will be pulled out of production in December',
              'publisher': 'BMWCoop',
              'date': '2011-05-26',
              'url': 'http://www.bmwcoop.com/2011/05/26/the-new-bmw-1-series-m-coupe-will-be-pulled-out-of-production-in-december/',
              'kind': 'press'},
             {'id': 'wheels24-2011-07-22-superbaby',
              'title': 'BMW superbaby takes off in Cape',
              'publisher': 'Wheels24',
              'date': '2011-07-22',
              'url': 'https://www.wheels24.co.za/NewModels/BMW-superbaby-takes-off-in-Cape-20110721',
              'kind': 'press'},
             {'id': 'clicccar-2011-08-26-parallel-import',
              'title': 'BMW 1 Series M Coupé: parallel import by Studie AG after BMW Japan gave up '
                       'official import',
              'title_is_description': True,
              'publisher': 'clicccar',
              'date': '2011-08-26',
              'url': 'https://clicccar.com/2011/08/26/54812',
              'kind': 'press'},
             {'id': 'motoring-com-au-2011-08-allocation',
              'title': 'BMW Australia doubles 1 Series M allocation',
              'publisher': 'motoring.com.au',
              'date': '2011-08-30',
              'url': 'http://www.motoring.com.au/news/2011/prestige-and-luxury/bmw/1-series/bmw-australia-doubles-1-series-m-allocation-26445',
              'kind': 'press'},
             {'id': 'drive-com-au-2011-08-31-first-local-drive',
              'title': 'First local drive: BMW 1-Series M Coupe',
              'publisher': 'Drive.com.au',
              'date': '2011-08-31',
              'url': 'https://www.drive.com.au/motor-news/first-local-drive-bmw-1series-m-coupe-20110831-1jl2l.html',
              'kind': 'press'},
             {'id': 'bimmerfile-2011-09-01-doubling',
              'title': 'Is BMW M doubling 1M production?',
              'publisher': 'Bimmerfile',
              'date': '2011-09-01',
              'url': 'http://www.bimmerfile.com/2011/09/01/is-bmw-m-doubling-1m-production/',
              'kind': 'press'},
             {'id': 'aol-uk-2011-12-13-road-test',
              'title': 'BMW 1M Coupé: Road test',
              'publisher': 'AOL UK',
              'date': '2011-12-13',
              'url': 'https://www.aol.co.uk/2011/12/13/bmw-1m-coupe-road-test/',
              'kind': 'press'},
             {'id': 'motoradictos-2012-leyenda',
              'title': 'El BMW Serie 1 M ya es una leyenda',
              'publisher': 'Motoradictos',
              'date': '2012',
              'url': 'https://www.motoradictos.com/el-bmw-serie-1-m-ya-es-una-leyenda/',
              'kind': 'press'},
             {'id': 'bmwblog-2012-01-10-us-740',
              'title': '740 units of BMW 1M sold in United States',
              'publisher': 'BMWBLOG',
              'date': '2012-01-10',
              'url': 'https://www.bmwblog.com/2012/01/10/740-units-of-bmw-1m-sold-in-united-states/',
              'kind': 'press'},
             {'id': 'sacarfan-2012-04-no-longer-on-sale',
              'title': 'BMW 1 Series M Coupe no longer on sale',
              'publisher': 'SACarFan',
              'date': '2012-04',
              'url': 'https://sacarfan.co.za/2012/04/bmw-1-series-m-coupe-no-longer-on-sale',
              'kind': 'weak'},
             {'id': 'ausmotive-2012-08-22-tally',
              'title': "Australia's BMW 1M allocation tops 300",
              'publisher': 'ausmotive',
              'date': '2012-08-22',
              'url': 'http://www.ausmotive.com/2012/08/22/australias-bmw-1m-allocation-tops-300.html',
              'kind': 'weak'},
             {'id': 'myultimategarage-2016-02-bmw-parking-only',
              'title': 'BMW Parking Only',
              'publisher': 'My Ultimate Garage (blog)',
              'date': '2016-02',
              'url': 'https://myultimategarage.blogspot.com/2016/02/bmw-parking-only.html',
              'kind': 'weak'},
             {'id': 'carscoops-2016-09-chris-harris',
              'title': "Chris Harris Buys BMW 1M Coupe, Pays 'Crazy Money' For It",
              'publisher': 'Carscoops',
              'date': '2016-09',
              'url': 'http://www.carscoops.com/2016/09/chris-harris-buys-bmw-1m-coupe-pays.html',
              'kind': 'press'},
             {'id': 'bmwblog-2016-09-15-chris-harris',
              'title': 'BMW 1M gets a new owner: Chris Harris of Top Gear',
              'publisher': 'BMWBLOG',
              'date': '2016-09-15',
              'url': 'https://www.bmwblog.com/2016/09/15/bmw-1m-gets-new-owner-chris-harris-top-gear/',
              'kind': 'press'},
             {'id': 'bmw-sg-2016-09-16-chris-harris',
              'title': 'Chris Harris of Top Gear buys BMW 1M',
              'publisher': 'bmw-sg.com',
              'date': '2016-09-16',
              'url': 'https://bmw-sg.com/bmw-models/chris-harris-top-gear-buys-bmw-1m/2016/09/16',
              'kind': 'weak'},
             {'id': 'bmwblog-2020-03-17-best-bmw',
              'title': 'BMW 1M Coupe: the best BMW car ever built',
              'publisher': 'BMWBLOG',
              'date': '2020-03-17',
              'url': 'https://www.bmwblog.com/2020/03/17/bmw-1m-coupe-the-best-bmw-car-ever-built/',
              'kind': 'press'},
             {'id': 'automobilismo-2021-04-23-1m-coupe',
              'title': 'Bmw 1M Coupé: dopo 10 anni è ancora una delle migliori Bmw',
              'publisher': 'Automobilismo',
              'date': '2021-04-23',
              'url': 'https://www.automobilismo.it/articoli/print/36630',
              'kind': 'press'},
             {'id': 'shacklemedia-2023-04-28-pick-of-the-day',
              'title': 'Pick of the Day: 2011 BMW 1M',
              'publisher': 'Shackle Media',
              'date': '2023-04-28',
              'url': 'https://shacklemedia.com/2023/04/28/pick-of-the-day-2011-bmw-1m',
              'kind': 'weak'},
             {'id': 'bimmertoday-2023-09-06-nuerburgring',
              'title': 'Nürburgring-Treffen: Fahrspaß-Party mit 80 BMW 1er M Coupé',
              'publisher': 'BimmerToday',
              'date': '2023-09-06',
              'url': 'https://www.bimmertoday.de/2023/09/06/nurburgring-treffen-fahrspas-party-mit-80-bmw-1er-m-coupe/',
              'kind': 'press'},
             {'id': 'bmwblog-2023-09-06-80-coupes',
              'title': '80 BMW 1M Coupes meeting at the Nürburgring',
              'publisher': 'BMWBLOG',
              'date': '2023-09-06',
              'url': 'https://www.bmwblog.com/2023/09/06/80-bmw-1m-coupes-meeting/',
              'kind': 'press'},
             {'id': 'bmwblog-2023-09-07-rarest-1m',
              'title': 'The rarest BMW 1M: Monte Carlo Blue, first look',
              'publisher': 'BMWBLOG',
              'date': '2023-09-07',
              'url': 'https://www.bmwblog.com/2023/09/07/the-rarest-bmw-1m-monte-carlo-blue-first-look/',
              'kind': 'press'},
             {'id': 'carmudgeons-2023-09-16-segler',
              'title': 'Interesting 1 Series M Content',
              'publisher': 'Carmudgeons forums',
              'date': '2023-09-16',
              'url': 'http://forums.carmudgeons.com/showthread.php?s=a8c8da270694c144bebcefd168b099e7&t=160417',
              'kind': 'weak'},
             {'id': 'autoblog-nl-1m-coupes-bij-elkaar',
              'title': 'Heb je ooit zo veel BMW 1M Coupés bij elkaar gezien?',
              'publisher': 'Autoblog.nl',
              'date': '2024',
              'url': 'https://www.autoblog.nl/nieuws/heb-je-ooit-zo-veel-bmw-1m-coupes-bij-elkaar-gezien-6940376',
              'kind': 'press'},
             {'id': 'bmwblog-2024-08-26-92-cars',
              'title': 'BMW 1M meet: 92 cars at the Nürburgring',
              'title_is_description': True,
              'publisher': 'BMWBLOG',
              'date': '2024-08-26',
              'url': 'https://www.bmwblog.com/2024/08/26/bmw-1m-meet-92-cars-nurburgring/',
              'kind': 'press'},
             {'id': 'bimmertoday-2025-04-03-stueckzahl',
              'title': 'BMW 1er M Coupé: Stückzahl-Frage vor 2025er-Treffen geklärt',
              'publisher': 'BimmerToday',
              'date': '2025-04-03',
              'url': 'https://bimmertoday.de/2025/04/03/bmw-1er-m-coupe-stuckzahl-frage-vor-2025er-treffen-geklart',
              'kind': 'press'},
             {'id': 'bimmertoday-2025-09-26-treffen',
              'title': 'BMW 1er M Treffen 2025: über 100 E82 am Nürburgring vereint',
              'publisher': 'BimmerToday',
              'date': '2025-09-26',
              'url': 'https://www.bimmertoday.de/2025/09/26/bmw-1er-m-treffen-2025-uber-100-e82-am-nurburgring-vereint/amp',
              'kind': 'press'},
             {'id': 'bmwblog-2025-09-26-register-105',
              'title': 'BMW 1 Series M Register: 105 cars at the Nürburgring',
              'publisher': 'BMWBLOG',
              'date': '2025-09-26',
              'url': 'https://www.bmwblog.com/2025/09/26/bmw-1-series-m-register-nurburgring-105-cars',
              'kind': 'press'},
             {'id': 'fwdtrek-2025-11-iconic-colours',
              'title': "BMW's most famous and iconic exterior colours",
              'publisher': 'fwdtrek (Blogspot)',
              'date': '2025-11',
              'url': 'https://fwdtrek.blogspot.com/2025/11/bmws-most-famous-and-iconic-exterior.html',
              'kind': 'weak'},
             {'id': 'bmwblog-2025-12-09-leipzig-four-million',
              'title': 'BMW Leipzig plant: four million cars made',
              'publisher': 'BMWBLOG',
              'date': '2025-12-09',
              'url': 'https://www.bmwblog.com/2025/12/09/bmw-leipzig-plant-four-million-cars-made/',
              'kind': 'press'},
             {'id': 'bmwblog-2026-03-12-most-iconic-colour',
              'title': 'What is the most iconic BMW color ever?',
              'publisher': 'BMWBLOG',
              'date': '2026-03-12',
              'url': 'https://www.bmwblog.com/2026/03/12/what-is-the-most-iconic-bmw-color-ever/',
              'kind': 'press'},
             {'id': 'superstreetonline-1-series-m',
              'title': 'BMW 1 Series M',
              'publisher': 'Super Street',
              'url': 'http://www.superstreetonline.com/cars/new-car-reviews/epcp-1102-bmw-1-series-m/',
              'kind': 'press'},
             {'id': 'cardealermagazine-james-morrison',
              'title': 'Interview: Morrison',
              'publisher': 'Car Dealer Magazine',
              'url': 'http://cardealermagazine.co.uk/publish/interview-james-morrison/54968',
              'kind': 'press'},
             {'id': 'caradvice-1m-wraps-production',
              'title': 'BMW 1M Coupe production ends',
              'publisher': 'CarAdvice',
              'url': 'https://www.caradvice.com.au/201998/bmw-1m-coupe-wraps-production/',
              'kind': 'press'},
             {'id': 'drive-com-au-1m-preview',
              'title': 'BMW 1 Series M Coupe Preview',
              'publisher': 'Drive.com.au',
              'url': 'https://www.drive.com.au/news/bmw-1-series-m-coupe-preview/',
              'kind': 'press'},
             {'id': 'automotiveaddicts-order-stop',
              'title': 'BMW halts production orders for the 1 Series M',
              'publisher': 'Automotive Addicts',
              'url': 'https://www.automotiveaddicts.com/27997/bmw-halts-production-orders-for-the-1-series-m',
              'kind': 'press'},
             {'id': 'carbuzz-order-stop',
              'title': 'BMW Finish Taking Orders on 1M Coupe; Production Ends this Summer',
              'publisher': 'CarBuzz',
              'url': 'https://carbuzz.com/news/bmw-finish-taking-orders-on-1m-coupe-production-ends-this-summer',
              'kind': 'press'},
             {'id': 'dh-ontour-1m-report',
              'title': 'BMW 1er M-Coupé 1(6)',
              'publisher': 'dh-ontour.de',
              'url': 'http://www.dh-ontour.de/1m/report/1m_01.htm',
              'kind': 'weak'},
             {'id': 'carview-uk-used-1m',
              'title': 'BMW 1 Series M Coupé: Japanese translation of a UK used-buying article',
              'title_is_description': True,
              'publisher': 'carview! (Yahoo! Japan)',
              'url': 'https://carview.yahoo.co.jp/news/detail/5041c6353fa80d91cba44ed599af8e4824b2426a',
              'kind': 'press'},
             {'id': 'tienhieptruyenky-1m',
              'title': 'Bmw 1m for sale',
              'publisher': 'tienhieptruyenky.com',
              'url': 'https://tienhieptruyenky.com/1m/',
              'kind': 'weak'},
             {'id': 'sportscarmarket-2011-bmw-1m-profile',
              'title': '2011 BMW 1M Coupe',
              'publisher': 'Sports Car Market',
              'url': 'https://www.sportscarmarket.com/profile/2011-bmw-1m-coupe',
              'kind': 'press'},
             {'id': 'automotiverhythms-small-wonder',
              'title': '2011 BMW 1 Series M Coupe: Small Wonder',
              'publisher': 'Automotive Rhythms',
              'url': 'https://www.automotiverhythms.com/2011-bmw-1-series-m-coupe-small-wonder/',
              'kind': 'press'},
             {'id': 'grokipedia-bmw-paint-code',
              'title': 'BMW paint code',
              'publisher': 'Grokipedia',
              'url': 'https://grokipedia.com/page/BMW_paint_code',
              'kind': 'weak'},
             {'id': 'autoflotte-1er-m-coupe-340-ps',
              'title': 'BMW 1er M Coupé: sportliche 340 PS',
              'publisher': 'Autoflotte',
              'url': 'https://autoflotte.de/nachrichten/fuhrpark/bmw-1er-m-coupe-sportliche-340-ps-3091845',
              'kind': 'press'},
             {'id': 'labmw-produced-only-in-2011',
              'title': 'Report: BMW 1M to be produced only in 2011',
              'publisher': 'labmw.com',
              'url': 'http://labmw.com/report-bmw-1m-to-be-produced-only-in-2011/',
              'kind': 'press'},
             {'id': 'honestjohn-1-series-m-coupe-road-test',
              'title': 'BMW 1 Series M Coupe 2011 Road Test',
              'publisher': 'Honest John',
              'url': 'https://www.honestjohn.co.uk/road-tests/bmw/bmw-1-series-m-coupe-2011-road-test/',
              'kind': 'press'},
             {'id': 'lebezout-bmw-e8x-faq-teintes',
              'title': '[FAQ] Les teintes de carrosserie',
              'publisher': "LeBezout/bmw-125i-128i-130i-e8x (owners' FAQ on GitHub)",
              'url': 'https://github.com/LeBezout/bmw-125i-128i-130i-e8x/blob/c57c7fe791e49d69c756b6763c1ab0e8f28ecca2/infos_gene/teintes.md',
              'kind': 'weak'}],
 'markets': [{'id': 'usa',
              'name': 'United States',
              'note': 'US production ended in September 2011 and covered the 2011 model year only '
                      '[@bmwblog-2012-01-10-us-740] [@bimmerfile-2011-02-12-allocations]; at the '
                      'end of August 2011 BMW NA told dealers that all US allocations were filled '
                      '[@bimmerfile-2011-09-01-doubling].',
              'colour_order': ['valencia-orange', 'alpine-white', 'black-sapphire'],
              'colour_order_sources': ['bmwblog-2012-01-10-us-740'],
              'figures': [{'kind': 'built for',
                           'value': 740,
                           'used': True,
                           'confidence': 'high',
                           'sources': ['bmwblog-2012-01-10-us-740',
                                       'caradvice-1m-wraps-production'],
                           'note': '739 sold to customers and 1 Valencia Orange pace car for the '
                                   "24 Hours of Daytona, according to BMW's Matt Russell "
                                   '[@bmwblog-2012-01-10-us-740]. CarAdvice: 740 delivered '
                                   '[@caradvice-1m-wraps-production].'},
                          {'kind': 'delivered',
                           'value': 700,
                           'qualifier': 'more than',
                           'used': False,
                           'confidence': 'low',
                           'sources': ['bmwblog-2025-09-26-register-105'],
                           'note': "'700-plus examples officially delivered to the United States'; "
                                   'loose wording [@bmwblog-2025-09-26-register-105].'},
                          {'kind': 'built for',
                           'value': 1000,
                           'qualifier': 'fewer than',
                           'used': False,
                           'confidence': 'low',
                           'sources': ['labmw-produced-only-in-2011',
                                       'bmwcoop-2011-05-26-december'],
                           'note': 'May 2011, second-hand: BMW told Autoblog that fewer than 1,000 '
                                   'would be built for the US market '
                                   '[@labmw-produced-only-in-2011]; another report words it '
                                   "ambiguously, 'the model will be manufactured in less than "
                                   "1,000 units' [@bmwcoop-2011-05-26-december]. An upper bound, "
                                   'consistent with 740.'},
                          {'kind': 'projected',
                           'value': 660,
                           'used': False,
                           'confidence': 'low',
                           'sources': ['bmwblog-2011-02-02-us-60-per-month',
                                       'bimmerfile-2011-02-12-allocations'],
                           'note': 'A projection, not a count: 60 a month over an 11-month '
                                   "production cycle, from an unnamed source ('Our sources "
                                   "indicate'), not confirmed by BMW NA "
                                   '[@bmwblog-2011-02-02-us-60-per-month]. Bimmerfile called the '
                                   "60 a month 'anything but concrete' "
                                   '[@bimmerfile-2011-02-12-allocations]. Superseded by 740.'},
                          {'kind': 'projected',
                           'value': 600,
                           'used': False,
                           'confidence': 'low',
                           'sources': ['bimmerfile-2011-02-05-production-rumors'],
                           'note': 'A pre-launch rumour: Bimmerfile reported that bmwblog had '
                                   "posted 'information that indicated the US was only going to "
                                   "see 600 examples', and said it believed the number to be wrong "
                                   '[@bimmerfile-2011-02-05-production-rumors]. Superseded by '
                                   '740.'}]},
             {'id': 'canada',
              'name': 'Canada',
              'note': 'At the Canadian launch bmwblog reported that the allocation to Canada would '
                      'be limited and, according to its sources, essentially sold out; BMW Canada '
                      'gave the price, CAD 53,600, but no number of cars '
                      '[@bmwblog-2011-02-17-canada-pricing]. Two sources give 983 cars for North '
                      'America [@shacklemedia-2023-04-28-pick-of-the-day] '
                      '[@sportscarmarket-2011-bmw-1m-profile]; with the US 740, that would make '
                      'Canada 243 (an inference).',
              'figures': [{'kind': 'sold',
                           'value': 220,
                           'used': True,
                           'confidence': 'low',
                           'sources': ['carscoops-2016-09-chris-harris',
                                       'bmwblog-2020-03-17-best-bmw'],
                           'note': 'Two secondary sources, neither of which cites one: '
                                   "'officially, 740 were sold in the US and another 220 in "
                                   "Canada' [@carscoops-2016-09-chris-harris]; '740 units sold in "
                                   "the US and a further 220 sold in Canada' "
                                   '[@bmwblog-2020-03-17-best-bmw].'}]},
             {'id': 'north-america',
              'name': 'North America (US and Canada)',
              'note': 'The United States and Canada together, not a separate market. The '
                      "BMW-quoted US 740 [@bmwblog-2012-01-10-us-740] and Canada's 220 "
                      '[@bmwblog-2020-03-17-best-bmw] make 960, not 983; Canada would be 243 if '
                      '983 were right (an inference). No North American total is used.',
              'figures': [{'kind': 'delivered',
                           'value': 983,
                           'used': False,
                           'confidence': 'low',
                           'sources': ['shacklemedia-2023-04-28-pick-of-the-day',
                                       'sportscarmarket-2011-bmw-1m-profile'],
                           'note': "'all 983 cars delivered to North America' "
                                   '[@shacklemedia-2023-04-28-pick-of-the-day]; Sports Car Market: '
                                   "'Number Produced: 983 (U.S. spec)' "
                                   '[@sportscarmarket-2011-bmw-1m-profile]. Neither cites BMW, and '
                                   '983 conflicts with 740 + 220 = 960: recorded, not used.'}]},
             {'id': 'uk',
              'name': 'United Kingdom',
              'note': 'Right-hand drive [@tienhieptruyenky-1m]. 300 of the 450 were sold by the '
                      'time of the BMW UK interview [@cardealermagazine-james-morrison]; nearly '
                      '70% were sold before the cars reached showrooms [@carview-uk-used-1m]. '
                      'Final UK registrations are unknown.',
              'colour_note': 'Valencia Orange was the popular colour in the UK (no figures) '
                             '[@carview-uk-used-1m]',
              'figures': [{'kind': 'allocated',
                           'value': 450,
                           'used': True,
                           'confidence': 'medium',
                           'sources': ['cardealermagazine-james-morrison',
                                       'aol-uk-2011-05-19-first-drive',
                                       'honestjohn-1-series-m-coupe-road-test',
                                       'carview-uk-used-1m',
                                       'tienhieptruyenky-1m'],
                           'note': "Asked 'You're only bringing 450 to the UK', BMW UK's James "
                                   "Morrison answered 'we've sold two thirds of our allocation "
                                   "already. That's 300 cars.' "
                                   "[@cardealermagazine-james-morrison]. AOL UK's first drive, May "
                                   "2011: 'just 450 of these £40,020 Coupes coming to the UK and "
                                   "two thirds of those already sold' "
                                   "[@aol-uk-2011-05-19-first-drive]. Honest John's road test, "
                                   "'just 450 of them are coming to the UK' "
                                   '[@honestjohn-1-series-m-coupe-road-test], the translated UK '
                                   'article [@carview-uk-used-1m] and a machine-spun dealer copy '
                                   '[@tienhieptruyenky-1m] agree.'},
                          {'kind': 'allocated',
                           'value': 400,
                           'used': False,
                           'confidence': 'low',
                           'sources': ['caradvice-1m-wraps-production'],
                           'note': "'the much larger UK market received an allocation of just 400 "
                                   "units' [@caradvice-1m-wraps-production]. Not quoted from BMW; "
                                   'conflicts with 450.'},
                          {'kind': 'sold',
                           'value': 400,
                           'used': False,
                           'confidence': 'low',
                           'sources': ['drive-com-au-1m-preview'],
                           'note': "Sold to date, not an allocation: UK buyers 'have already "
                                   "snapped up 400' [@drive-com-au-1m-preview]. The preview "
                                   "reproduces CarAdvice's text; not quoted from BMW."},
                          {'kind': 'allocated',
                           'value': 250,
                           'used': False,
                           'confidence': 'low',
                           'sources': ['aol-uk-2011-12-13-road-test'],
                           'note': "'the whole UK allocation of 250 cars already sold' (December "
                                   '2011) [@aol-uk-2011-12-13-road-test]; unexplained, and the '
                                   'same site said 450 in May [@aol-uk-2011-05-19-first-drive].'}]},
             {'id': 'australia',
              'name': 'Australia',
              'note': "BMW Australia (August 2011): 125 at first, then 'pretty much doubled', "
                      'possibly 225 to 250 [@motoring-com-au-2011-08-allocation]; the next day '
                      'Drive.com.au wrote of an original allocation of 100, doubled to 200 '
                      "[@drive-com-au-2011-08-31-first-local-drive]. CarAdvice's figure rose from "
                      "'just over 100' to 'over 130' to 'more than 300' "
                      '[@caradvice-1m-wraps-production]. No final figure from BMW.',
              'figures': [{'kind': 'promised',
                           'value': 125,
                           'used': False,
                           'confidence': 'medium',
                           'sources': ['motoring-com-au-2011-08-allocation',
                                       'bimmerfile-2011-09-01-doubling'],
                           'note': "'125 cars was the maximum allocation that we were originally "
                                   "promised' (Piers Scott, BMW Australia) "
                                   '[@motoring-com-au-2011-08-allocation]; superseded. Bimmerfile, '
                                   "September 2011: Australia 'only received 125 cars' "
                                   '[@bimmerfile-2011-09-01-doubling]. The same week Drive.com.au '
                                   'gave the original allocation as 100 '
                                   '[@drive-com-au-2011-08-31-first-local-drive].'},
                          {'kind': 'allocated',
                           'value': 100,
                           'used': False,
                           'confidence': 'low',
                           'sources': ['drive-com-au-2011-08-31-first-local-drive'],
                           'note': "'The original allocation of 100 1M twin-turbo coupes has sold "
                                   "out' (August 2011) "
                                   '[@drive-com-au-2011-08-31-first-local-drive]; superseded. '
                                   "Conflicts with BMW Australia's 125 of the same week "
                                   '[@motoring-com-au-2011-08-allocation].'},
                          {'kind': 'allocated',
                           'value': 200,
                           'used': False,
                           'confidence': 'low',
                           'sources': ['drive-com-au-2011-08-31-first-local-drive',
                                       'ausmotive-2012-08-22-tally'],
                           'note': "August 2011: 'BMW has already doubled production of its "
                                   "exciting new 1-Series M Coupe to 200 units' "
                                   '[@drive-com-au-2011-08-31-first-local-drive]; August 2012: an '
                                   "extra 100 cars 'bringing Australia's offical allocation of 1Ms "
                                   "to 200' [@ausmotive-2012-08-22-tally]. Conflicts with 125, "
                                   'with 225 to 250 and with more than 300.'},
                          {'kind': 'delivered',
                           'value': 300,
                           'qualifier': 'more than',
                           'used': True,
                           'confidence': 'medium',
                           'sources': ['caradvice-1m-wraps-production'],
                           'note': "'more than 300 1M coupes landed on our shores' "
                                   '[@caradvice-1m-wraps-production].'},
                          {'kind': 'tallied',
                           'value': 301,
                           'used': False,
                           'confidence': 'low',
                           'sources': ['ausmotive-2012-08-22-tally'],
                           'note': 'Unofficial 1addicts forum tally, August 2012: Brisbane 57, '
                                   'Fremantle 22, Melbourne 110, Port Kembla 112 '
                                   '[@ausmotive-2012-08-22-tally]. No colour split.'}]},
             {'id': 'south-africa',
              'name': 'South Africa',
              'figures': [{'kind': 'allocated',
                           'value': 71,
                           'used': True,
                           'confidence': 'medium',
                           'sources': ['wheels24-2011-07-22-superbaby',
                                       'sacarfan-2012-04-no-longer-on-sale'],
                           'note': "At the launch, July 2011: 'only 71 have been allocated to "
                                   'South Africa (at least for now!) – because they were all sold '
                                   "even before they arrived' [@wheels24-2011-07-22-superbaby]. In "
                                   "April 2012 an enthusiast blog: 'South Africa was only ever "
                                   "allocated 71 units' [@sacarfan-2012-04-no-longer-on-sale]."}]},
             {'id': 'japan',
              'name': 'Japan',
              'note': 'Not sold by BMW Japan; grey or parallel imports only, for example by Studie '
                      'AG [@clicccar-2011-08-26-parallel-import] '
                      '[@myultimategarage-2016-02-bmw-parking-only] [@alpina-b3-blog-2011-01-31]. '
                      'Count unknown.',
              'sources': ['clicccar-2011-08-26-parallel-import',
                          'myultimategarage-2016-02-bmw-parking-only',
                          'alpina-b3-blog-2011-01-31'],
              'figures': []},
             {'id': 'germany',
              'name': 'Germany',
              'note': 'No count found; German launch in May 2011 at EUR 42,440 net '
                      '[@autoflotte-1er-m-coupe-340-ps].',
              'sources': ['autoflotte-1er-m-coupe-340-ps'],
              'figures': []}]}
