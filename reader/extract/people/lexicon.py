"""Word lists the people finder uses to tell a person's name from everything else.

General English news vocabulary only: honorifics, titles, role nouns, words
that end organisation names, outlets, demonyms, months and days, and the
capitalised function words that open sentences. Names of people never go here.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


HONORIFICS = _words(
    """Mr Mrs Ms Miss Mx Dr Prof Sir Dame Lord Lady Madam Madame Mme Mlle Herr Frau
    Rev Reverend Fr Father Sister Brother Sheikh Shaikh Imam Rabbi Ayatollah Mullah
    Sr Sra Srta Signor Signora Monsieur Mister"""
)
"""Forms of address: they never start a name and make the next words a person."""

TITLES = _words(
    """President Vice Premier Prime Minister Chancellor King Queen Prince Princess Emperor
    Empress Crown Pope Cardinal Bishop Archbishop Patriarch Senator Sen Rep Representative
    Congressman Congresswoman Governor Gov Lt Mayor Judge Justice Minister Secretary
    General Gen Colonel Col Major Maj Captain Capt Admiral Adm Sergeant Sgt Commander
    Cmdr Marshal Field Brigadier Lieutenant Corporal Cpl Private Pte Ambassador Envoy
    Chairman Chairwoman Chairperson Chair Director Professor Coach Speaker Deputy
    Sheriff Detective Det Officer Inspector Superintendent Commissioner Attorney
    Solicitor Chief Executive CEO CFO COO Chancellor Provost Rector Consul Sultan
    Emir Amir Crown Duke Duchess Countess Baron Baroness Viscount Pastor
    Elder Councillor Councilman Councilwoman Alderman Magistrate Prosecutor Assemblyman
    Assemblywoman Delegate Leader Spokesman Spokeswoman Spokesperson Chieftain Rebbe
    Mufti Grand Supreme Acting Interim Former Foreign Defence Defense Finance Interior
    Trade Health Education Economy Economic Agriculture Justice Labour Labor Energy
    Transport Culture Environment Information Home State Federal Senior Junior
    Lady First Mrs"""
)
"""Words of a title written before a name ("Foreign Minister", "US President")."""

ABBREVIATED_TITLES = _words(
    """Sen Sens Rep Reps Gov Gen Lt Col Maj Capt Adm Sgt Cmdr Cdr Det Supt Atty Insp Brig
    Pres Msgr Cpl Pte"""
)
"""Short titles ("Sen. Warren"): a title only before a name, never after a given name
("Hun Sen")."""

ROLE_HEADS = _words(
    """President Premier Minister Chancellor King Queen Prince Princess Emperor Empress Pope
    Cardinal Bishop Archbishop Patriarch Senator Representative Congressman
    Congresswoman Governor Mayor Judge Justice Secretary General Colonel Major
    Captain Admiral Sergeant Commander Marshal Brigadier Lieutenant
    Ambassador Envoy Chairman Chairwoman Chairperson Director Professor Coach Speaker
    Sheriff Detective Inspector Superintendent Commissioner Attorney Chief CEO CFO COO
    Provost Rector Consul Sultan Emir Amir Duke Duchess Baron Baroness Pastor
    Councillor Councilman Councilwoman Alderman Magistrate Prosecutor Leader Spokesman
    Spokeswoman Spokesperson Mufti Ayatollah Sheikh Rabbi Imam Deputy"""
)
"""Title words that can end a role on their own ("Foreign Minister")."""

ROLE_NOUNS = _words(
    """analyst ambassador adviser advisor aide actor actress administrator architect artist
    author attorney banker batsman bowler all-rounder boss boxer builder candidate captain
    centre-back chairman chairwoman chairperson champion chancellor chef chief coach
    co-founder cofounder columnist commander commentator commissioner composer congressman
    congresswoman consultant correspondent councillor counsel critic curator cyclist dean
    defender delegate deputy designer detective diplomat director doctor driver economist
    editor educator engineer entrepreneur envoy executive expert fellow filmmaker finalist
    footballer forward founder general goalkeeper governor guard head historian host
    investor journalist judge jockey keeper lawmaker lawyer leader lecturer legislator
    manager mayor member midfielder minister negotiator novelist official officer owner
    partner photographer physician pilot pitcher player playmaker poet politician president
    presenter principal producer professor prosecutor publisher quarterback rapper reporter
    representative researcher runner scientist scholar secretary senator singer skipper
    sociologist spokesman spokeswoman spokesperson sprinter star strategist striker student
    surgeon teacher teammate technician trader trainer treasurer umpire vice-president
    veteran winger writer chair head hitter wicketkeeper opener spinner off-spinner
    paceman seamer swimmer skier golfer rider racer referee organiser organizer planner
    activist campaigner protester organizer blogger influencer resident worker nurse
    farmer owner citizen priest monk nun cleric scholar minister premier marshal champ
    titleholder seed wildcard newcomer rookie winner
    runner-up medallist medalist semifinalist team-mate opponent rival compatriot
    countryman countrywoman husband wife son daughter father mother brother sister uncle
    aunt nephew niece cousin widow widower friend colleague girlfriend boyfriend fiancee
    fiance grandson granddaughter grandfather grandmother stepfather stepmother"""
)
"""Nouns that head a role phrase ("a researcher at", "coach", "the founder of")."""

ROLE_ADJECTIVES = _words(
    """senior junior chief deputy vice former acting interim associate assistant executive
    managing general principal lead leading top veteran independent prominent well-known
    famous noted retired new longtime long-time young old political economic financial
    foreign military legal research visiting adjunct honorary co- founding"""
)

ORG_WORDS = _words(
    """Inc Inc. Corp Corporation Co Co. Ltd Ltd. LLC LLP PLC Plc AG GmbH SA NV BV SpA AB ASA
    Group Holdings Holding Company Companies Partners Party Association Associations
    University Universities College School Schools Institute Institution Academy Agency
    Ministry Department Dept Bank Banks Times News Post Journal Herald Tribune Gazette
    Daily Weekly Magazine Press Television TV Radio Network Networks Council Committee
    Commission Court Courts Parliament Congress Senate Assembly Government Administration
    Office Bureau Service Services Authority Board Federation Union League Club Cup Cups
    Championship Championships Open Games Olympics Olympiad Tour Trophy Series Prix Stadium
    Park Arena Airport Station Street St Road Rd Avenue Ave Boulevard Square Bridge River
    Lake Mountain Mountains Mount Island Islands Sea Ocean Bay Gulf Valley Province State
    States County District Region City Republic Kingdom Empire Army Navy Force Forces
    Police Church Cathedral Hospital Foundation Fund Funds Trust Exchange Market Markets
    Index Airlines Airline Airways Motors Motor Industries Industry Systems Technologies
    Technology Energy Oil Petroleum Electric Electronics Foods Products Museum Gallery
    Centre Center Hotel Festival Awards Award Prize Day War Act Law Treaty Accord Plan
    Program Programme Project Summit Conference Forum Organization Organisation Alliance
    Coalition Front Movement Brigade Brigades Division Team United Rovers Athletic
    Wanderers Olympique Sporting FC AFC CF SC AC Institute Observatory Laboratory Labs
    Studios Studio Pictures Records Entertainment Media Communications Telecom Mobile
    Software Capital Securities Investment Investments Insurance Finance Financial
    Pharmaceuticals Pharma Health Healthcare Motors Automotive Auto Autos Cars Group
    Railways Railway Shipping Logistics Steel Mining Chemicals Chemical Resources
    Hyperfactory Factory Plant Mall Tower Towers Palace House Hall Castle Temple Mosque
    Square Zone Port Harbour Harbor Canal Desert Forest Peninsula Strait Coast Basin
    Province Prefecture Territory Territories Commonwealth Confederation Emirates
    Kingdom Nations Council Secretariat Directorate Tribunal Cabinet Embassy Consulate
    Mission Guard Guards Corps Regiment Battalion Squadron Fleet Agency Agencies
    Commissioner's Initiative Declaration Convention Charter Constitution Code Rule
    Rules Report Index Survey Census Strategy Policy Doctrine Reform Reforms Fair Expo
    Show Championships Classic Masters Marathon Grand Slam Derby Stakes League Conference
    Division Bowl Series Challenge Trophy Medal Olympic Paralympic Games Star Stars Dynamo
    Dinamo Spartak Lokomotiv Torpedo Real Atletico Racing Symposium Controls Monument
    Memorial Society Observer Chronicle Examiner Courier Inquirer Monitor Review Campaign
    Qaeda Qaida Shabaab Haram Hezbollah Hamas Taliban Music Newsroom Desk Newsdesk
    Images Photos Photography Platforms"""
)
"""Words that make a capitalised phrase an organisation, place, event or document."""

HARD_ORG_WORDS = _words(
    """Post Times News Journal Herald Tribune Gazette Bank Inc Corp Co Ltd Group Party
    University College Agency Ministry Council Committee Court Institute Foundation
    Association Hole Monument Memorial"""
)
"""Organisation words that are never a surname at the end of a name
("Washington Post"), unlike "Law" or "Hall"."""

OUTLETS = _words(
    """Reuters Xinhua AP AFP Bloomberg CNN BBC Nikkei Interfax Itar-Tass Tass Kyodo Yonhap
    Bernama Antara Anadolu Sputnik RIA Novosti CNBC NBC CBS ABC MSNBC NPR PBS Politico
    Axios Guardian Telegraph Economist Forbes Caixin Caijing Yomiuri Asahi Mainichi
    France-Presse WSJ NYT Jazeera Xinhuanet CGTN CCTV Weibo WeChat Twitter Facebook
    Instagram YouTube TikTok Google Microsoft Apple Amazon"""
)
"""News outlets, agencies and platforms that open or form capitalised phrases."""

MONTHS = _words(
    """January February March April May June July August September October November
    December Sept"""
)
"""Full month names ("Jun", "Jan" are given names too, so abbreviations are left out)."""
DAYS = _words(
    """Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mon Tue Tues Wed Thu Thur
    Thurs Fri Sat Sun Today Tonight Yesterday Tomorrow Christmas Easter Ramadan Eid"""
)

DEMONYMS = _words(
    """American British English Scottish Scot Welsh Irish French German Italian Spanish
    Portuguese Dutch Belgian Swiss Austrian Swedish Norwegian Danish Finnish Icelandic
    Polish Czech Slovak Hungarian Romanian Bulgarian Greek Turkish Russian Ukrainian
    Belarusian Belarussian Serbian Serb Croatian Croat Bosnian Slovenian Albanian
    Macedonian Montenegrin Estonian Latvian Lithuanian Georgian Armenian Azerbaijani
    Azeri Kazakh Uzbek Tajik Kyrgyz Turkmen Mongolian Chinese Japanese Korean
    Vietnamese Thai Cambodian Lao Laotian Burmese Malaysian Indonesian Filipino
    Singaporean Indian Pakistani Bangladeshi Sri Lankan Nepali Nepalese Afghan Iranian
    Iraqi Syrian Lebanese Israeli Palestinian Jordanian Saudi Yemeni Omani Emirati Qatari
    Kuwaiti Bahraini Egyptian Libyan Tunisian Algerian Moroccan Sudanese Ethiopian
    Eritrean Somali Kenyan Ugandan Tanzanian Rwandan Burundian Nigerian Ghanaian
    Senegalese Malian Ivorian Cameroonian Congolese Angolan Zambian Zimbabwean
    Mozambican Namibian Botswanan Malawian African Australian Zealander Canadian Mexican
    Cuban Jamaican Haitian Dominican Panamanian Honduran Guatemalan Salvadoran
    Nicaraguan Colombian Venezuelan Peruvian Chilean Argentine Argentinian Brazilian
    Uruguayan Paraguayan Bolivian Ecuadorean Ecuadorian Rican European Asian Arab Arabic
    Latin Western Eastern Northern Southern Olympic Chechen Kurdish Kurd Tibetan Uighur
    Uyghur Taiwanese Soviet Yugoslav Muslim Catholic Jewish Islamic Communist Democrat
    Democratic Republican Conservative Labour Liberal Socialist Nationalist Tory Tories
    Pacific Atlantic Mediterranean Caribbean Scandinavian Nordic Baltic Balkan Slav
    Hispanic Anglo Sikh Hindu Buddhist Protestant Orthodox Sunni Shi'ite Shiite
    Shia Moldovan Cypriot Maltese Luxembourgish Gulf Democrats Republicans Conservatives
    Liberals Socialists Communists Americans Europeans Africans Asians Arabs Muslims
    Christians Jews Catholics Protestants Israelis Palestinians Russians Chinese Britons"""
)
"""Nationality and affiliation words that stand before names ("American Dennis Mitchell")."""

STOP_WORDS = _words(
    """The A An This That These Those He She It They We I You His Her Hers Its Their Our My
    Your Him Them Us Me But And Or Nor So If When While After Before As At In On Of For From
    To By With Without Within Under Over About Above Below Despite Also Notably However
    Meanwhile Still Yet Then Now Last Next First Second Third Fourth Fifth New Old Not No
    Yes All Some Many Most More Less Least Other Another Each Every Both Such What Who Whom
    Whose Why How Where Which There Here Since Until Till Although Though Because Once Even
    Only Just According Asked Said Says Told Among Between Against During Through Into Up
    Down Out Off Than Like Unlike Instead Thus Hence Indeed Perhaps Maybe Earlier Later
    Overall Photo Photos Picture Source Sources Published Updated Editor Note Read See
    Click Share Let Will Would Can Could May Might Must Shall Should Do Does Did Is Are Was
    Were Be Been Being Has Have Had Having Get Got Go Going Make Made Take Taken Please
    Thank Thanks Dear Hello Hi Oh Well Yes Why Whether Either Neither Any Anyone Everyone
    Someone Nobody Nothing Everything Something Very Much Few Several Own Same Different
    Further Furthermore Moreover Besides Otherwise Therefore Nevertheless Nonetheless
    Regardless Along Across Around Behind Beyond Inside Outside Toward Towards Upon Via
    Per Amid Amidst Following Including Excluding Given Whatever Whoever Whenever Wherever
    Sources Scorers Attendance Result Results Standings Leading Top Bottom Full Half Final
    Finals Semi Quarter Round Group Pool Men Women Men's Women's Boys Girls Mixed Singles
    Doubles Add Note Notes Total Totals Extras Fall Wickets Bowling Batting Innings Match
    Matches Update Updates Breaking Exclusive Analysis Opinion Comment Review Interview
    Video Watch Listen Subscribe Advertisement Related More Tags Topics Home Page Section
    Sign Log Contact Privacy Terms Copyright Reporting Writing Additional Edited Compiled
    Translated Here's There's It's That's What's Who's Let's I'm I've I'd I'll We're
    You're They're He's She's Mr Mrs Ms Dr Far East West North South Middle Central Upper
    Lower Greater Great Little Big High Low Holy Saint Santa San One Two Three Four Five
    Six Seven Eight Nine Ten"""
)
"""Capitalised words that open sentences, headings and tables but never a name."""

NAME_SUFFIXES = _words("Jr Sr Jnr Snr II III IV")
"""Written after a name and part of it ("Martin Luther King Jr.")."""

PARTICLES = _words(
    """van von de der den del della dei degli di da das dos do du la le les lo ter ten
    bin bint ibn ben binti al el ul ud y e zu af av"""
)
"""Lower-case name particles that may stand between the capitalised words of a name."""

SPEECH_VERBS = _words(
    """said says say told tells added adds noted notes argued argues warned warns wrote
    writes asked asks insisted insists recalled recalls explained explains stated states
    declared declares claimed claims replied replies responded responds announced announces
    confirmed confirms denied denies admitted admits acknowledged acknowledges continued
    continues commented comments remarked remarks observed observes suggested suggests
    predicted predicts cautioned cautions urged urges stressed stresses emphasized
    emphasised emphasises emphasizes believes believed thinks thought agreed agrees
    tweeted tweets posted posts shouted yelled whispered testified testifies conceded
    concedes complained complains countered counters joked jokes mused muses"""
)
