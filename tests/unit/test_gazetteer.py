"""Country codes from place names, cities, states and demonyms."""

from __future__ import annotations

import pytest

from streams.text.gazetteer import (
    country_code,
    country_in_any_language,
    demonym_country,
    place_country,
    region_country,
    text_countries,
    town_country,
)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("North Korea", "KP"), ("the United Arab Emirates", "AE"), ("UNITED STATES", "US"), ("Burkina Faso", "BF"),
        ("Kyiv", "UA"), ("Kiev", "UA"), ("Salvador", "BR"), ("São Paulo", "BR"), ("Sao Paulo", "BR"),
        ("Bila Tserkva", "UA"), ("the Hague", "NL"), ("Peking", "CN"), ("Colorado", "US"), ("Georgia", "GE"),
        ("Islamabad", "PK"), ("St. Petersburg", "RU"), ("Dar es Salaam", "TZ"), ("Pyongyang", "KP"),
        ("Queensland", "AU"), ("New South Wales", "AU"), ("Hong Kong", "HK"), ("Westminster", "GB"),
        ("Bethlehem", "PS"),
    ],
)  # fmt: skip
def test_places(name: str, code: str) -> None:
    assert place_country(name) == code


@pytest.mark.parametrize(
    "name", ["Asia", "Middle East", "Europe", "Related Articles", "Smallville Junction", "Victoria"]
)
def test_regions_and_unknown_names_have_no_country(name: str) -> None:
    assert place_country(name) is None


def test_a_place_name_several_countries_give_counts_for_none_alone() -> None:
    # Victoria is an Australian state, two capitals, a London station and Hong Kong's old name; it counted for HK.
    assert town_country("Victoria") is None
    assert place_country("Rio Grande") is None, "the river between the US and Mexico, and a Brazilian port"
    assert (place_country("Niger State"), country_code("Niger Republic"), country_code("Benin Republic")) == (
        "NG",
        "NE",
        "BJ",
    ), "Nigerian papers' names for a state of theirs and two neighbours"
    assert region_country("Queensland") == "AU"


def test_country_names_only() -> None:
    assert country_code("Iran") == "IR"
    assert country_code("Kyiv") is None


@pytest.mark.parametrize(("name", "code"), [("Russian", "RU"), ("Russians", "RU"), ("Emirati", "AE"), ("Swiss", "CH")])
def test_demonyms(name: str, code: str) -> None:
    assert demonym_country(name) == code


@pytest.mark.parametrize(
    ("region", "code"),
    # Reuters-21578 runs some state abbreviations without their full stop ("CAPE CANAVERAL, Fla, Feb 26 -").
    [("Calif.", "US"), ("Penn.", "US"), ("Ontario", "CA"), ("Brazil", "BR"), ("Fla", "US"), ("Conn", "US")],
)
def test_dateline_regions(region: str, code: str) -> None:
    assert region_country(region) == code


@pytest.mark.parametrize(
    ("text", "language", "codes"),
    [
        ("Die Wahl in Polen, Russlands Krieg und Großbritannien nach dem Brexit.", "de", ["PL", "RU", "GB"]),
        ("Die Vereinigten Staaten und die USA", "de", ["US", "US"]),
        ("Rosja grozi: Polska, w Polsce, Wielkiej Brytanii i Stanów Zjednoczonych.", "pl",
         ["RU", "PL", "PL", "GB", "US"]),
        ("Niemal wszyscy, także Dominik, byli za.", "pl", []),
        # Names news and a country's own press write that pycountry's catalogue lacks, Brazil's spellings, and catalogue
        # names that are words (probe 15).
        ("Кыргызстан начнет импорт электроэнергии, Молдова тоже", "ru", ["KG", "MD"]),
        ("camiões para o Zimbabwe e o Malawi, a Polônia e o Quênia", "pt", ["ZW", "MW", "PL", "KE"]),
        ("Reunião do conselho. Maurício disse que sim. Bermuda e chinelo estão proibidos.", "pt", []),
        ("Chico Buarque de Holanda lançou um disco.", "pt", []),
        ("Reunión del consejo de ministros.", "es", []),
        # A street named after a country, with "des" between; a Russian adjective capitalised within a sentence names
        # a station, and opening one is the nationality.
        ("Le tram passera par le boulevard des États-Unis.", "fr", []),
        ("Вестибюль станции у Финляндский вокзал закрыт.", "ru", []),
        ("Он видел их. Китайские партнёры пришли.", "ru", ["CN"]),
        ("Финляндский вокзал ежедневно обслуживает пассажиров.", "ru", []),
        ("Песков: Российская сторона готова. Он заявил: «Американские власти ошибаются».", "ru", ["RU", "US"]),
        ("Немецкие улицы опустели после матча.", "ru", ["DE"]),
        ("Polskie Radio podało, że rząd Polski się zgodził.", "pl", ["PL", "PL"]),
        ("за сборную Германии и России", "ru", ["DE", "RU"]),
        ("Представители Объединенных Арабских Эмиратов и Соединённых Штатов", "ru", ["AE", "US"]),
        ("Delegacja z Niemiec, w Niemczech, we Włoszech i na Węgrzech.", "pl", ["DE", "DE", "IT", "HU"]),
        ("De Albanese premier en de Chinezen spraken met Russische diplomaten.", "nl", ["AL", "CN", "RU"]),
        ("Le Premier ministre anglais a parlé aux Anglaises.", "fr", ["GB", "GB"]),
        ("Manifestation avenue d'Italie, puis vers l'Italie.", "fr", ["IT"]),
        ("Turisti in piazza di Spagna; la Spagna vince.", "it", ["ES"]),
        ("Na Praça de Espanha e na Avenida de França.", "pt", []),
        ("Mieszkańcy dzielnicy Włochy w Warszawie.", "pl", ["PL"]),  # the capital counts (below)
        # A street or square named after a country's adjective or a tower so named (probe12).
        ("Kontrole przy ul. Francuskiej w Warszawie; francuskie wino.", "pl", ["PL", "FR"]),
        ("Recorridos guiados en inglés y portugués; turistas portugueses.", "es", ["PT"]),
        ("uma construtora espanhola e empresas espanholas; os espanhóis", "pt", ["ES", "ES", "ES"]),
        ("Pamiętają. Niemieccy sąsiedzi i francuscy turyści też.", "pl", ["DE", "FR"]),
        ("направления в Турцию, Египет и ОАЭ", "ru", ["TR", "EG", "AE"]),
        ("Il tram a largo Argentina e a largo di Torre Argentina; la torre di controllo dell'Argentina.", "it",
         ["AR"]),
        ("Były reprezentant Polski Jakub Kiwior", "pl", ["PL"]),
        # Review: surnames in -ов, words starting like a stem that changes, given names, a street word in its sense.
        ("Сергей Данилов заявил, что Литвинов и Ливанов согласны.", "ru", []),
        ("Niemiłego dnia pan Niemirski spotkał się z Dominiką Kowalską.", "pl", []),
        ("Un naufragio al largo della Libia; la nave porta la Spagna.", "it", ["LY", "ES"]),
        ("Le convoi passe via la Turquie; la place du Maroc au classement; Place d'Italie.", "fr", ["TR", "MA"]),
        ("Глава МИД России Сергей Лавров", "ru", ["RU"]),
        ("El presidente de Estados Unidos viajó a Chile, dijo Mauricio Macri.", "es", ["US", "CL"]),
        ("Francia Márquez visitó Francia.", "es", ["FR"]),
        # A surname written like a country, an agency's name ending in one; a capitalised noun before the
        # country's adjective (argentina), a TV channel's acronym and a sentence's first word are no names.
        ("O primeiro-ministro Luís Montenegro visitou o Montenegro.", "pt", ["ME"]),
        ("l'agence Health Canada a fait de même.", "fr", []),
        ("según la Constitución Argentina de 1853; lo dijo la CNN Brasil. En Chile, no.", "es", ["AR", "BR", "CL"]),
        ("głos Kongresu USA", "pl", ["US"]),
        ("waar de Rijn Nederland binnenstroomt", "nl", ["NL"]),
        # French writes the Swiss adjective as the country's name, lower-case; a Spanish meeting is no Réunion.
        ("Une banque privée suisse ferme son bureau.", "fr", ["CH"]),
        ("La reunión de los ministros terminó tarde.", "es", []),
        ("Il presidio dei portuali in via di Francia a Genova.", "it", []),
        ("Gli statunitensi e la Repubblica Democratica del Congo.", "it", ["US", "CD"]),
        ("A República Democrática do Congo e Angola.", "pt", ["CD", "AO"]),
        ("de Belgische regering", "nl", ["BE"]),
        ("Il maltempo in Italia, Francia e Gran Bretagna.", "it", ["IT", "FR", "GB"]),
        ("Anses en France, EPA aux États-Unis.", "fr", ["FR", "US"]),
        ("Korea", "de", []),
        # Capitals name their countries, in the language's own spelling and declined (probe 17: "Lisboa", "Ljubljana",
        # "Buenos Aires"); not inside an institution's or a team's name, nor another place's, nor as a first name.
        ("Gespräche in Wien, Peking und Washington; Moskau weist das zurück.", "de", ["AT", "CN", "US", "RU"]),
        ("Rozmowy w Warszawie i w Moskwie; Paryż milczy.", "pl", ["PL", "RU", "FR"]),
        ("Переговоры в Москве и Пекине.", "ru", ["RU", "CN"]),
        ("Em Lisboa e em Brasília; a Avenida de Berna fecha.", "pt", ["PT", "BR"]),
        ("nach einem Urteil des Landgerichts Berlin; die Ambulanz im AKH Wien.", "de", []),
        ("según la Universidad Politécnica de Madrid; el Real Madrid ganó; en Santiago de Compostela.", "es", []),
        ("Paris Hilton et Cristoforo Colombo à Paris.", "fr", ["FR"]),
        ("In Wenen en in Den Haag.", "nl", ["AT"]),
        ("Viajar en subte en la Ciudad de Buenos Aires costará más.", "es", ["AR"]),
        # Review: capitals' names that are given names, surnames, other places, words, a rally; declined forms only
        # by a case ending; a country's place among others, a show's or a bank's name ending in a country.
        ("La reina Sofía presidió ayer en Madrid.", "es", ["ES"]),
        ("Актриса Римма Маркова и Берни Сандерс; в Москве, в Пекине и из Лондона.", "ru", ["RU", "CN", "GB"]),
        ("Pary jednopłciowe czekają. Rabaty dla seniorów. W Paryżu i w Warszawie.", "pl", ["FR", "PL"]),
        ("O deputado Lima anunciou. Praga de gafanhotos ameaça lavouras.", "pt", []),
        ("Il ministro Colombo ha detto. A Nicosia, in provincia di Enna.", "it", []),
        ("le préfet de la Vienne. Le Dakar 2025 s'élancera de Bisha, en Arabie saoudite; l'IRD à Dakar.", "fr",
         ["SA", "SN"]),
        ("La Roma ha vinto a Roma; i tifosi della Roma.", "it", ["IT"]),
        # Second review: a capital's longer name wins over the country's; words, first names, names in brackets or
        # quotes, a rally or a club after an article joined to a preposition.
        ("Vive en la Ciudad de México; la etapa del Dakar; jugador del Madrid.", "es", ["MX"]),
        ("Вены на ногах болят. В Вене прошла встреча. В Москве Путин заявил.", "ru", ["AT", "RU"]),
        ("Гимнастка Рима Баталова. Защитник Лима. ФК «Астана» выиграл; торт «Прага».", "ru", []),
        ("Senator Bernie Sanders skrytykował. Rabat na bilety. Rabatu nie będzie. W Bernie.", "pl", ["CH"]),
        ("à Châtellerault (Vienne) dimanche; vainqueur du Dakar; Vincenzo Nibali (Astana).", "fr", []),
        ("In Berlin Gespräche geführt, die Dakar startet.", "de", ["DE"]),
        ("La place d'Israël au sein des Nations unies est contestée.", "fr", ["IL"]),
        ("A final do Big Brother Brasil teve recorde.", "pt", ["BR"]),
        ("The war in Ukraine", "en", []),
        # Probe 14: a town named by a capital and an adjective.
        ("Pożar w Mińsku Mazowieckim. Szpital w Mińsku Mazowieckiego powiatu. Rozmowy w Mińsku i w Warszawie.", "pl",
         ["BY", "PL"]),
        ("W Moskwie Rosyjska Akademia obradowała.", "pl", ["RU"]),
        # Review: other adjectives after a capital open an institution's name, or the next line's sentence.
        ("W Paryżu Europejska Agencja Kosmiczna ogłosiła. W Brukseli Europejski Bank Inwestycyjny. W Moskwie "
         "Moskiewski Uniwersytet Państwowy. Protest w Warszawie\nWarszawska policja.", "pl", ["FR", "BE", "RU", "PL"]),
    ],
)  # fmt: skip
def test_country_names_in_other_languages(text: str, language: str, codes: list[str]) -> None:
    assert [code for code, _offset in text_countries(text, language)] == codes


@pytest.mark.parametrize(
    ("text", "language", "codes"),
    [
        ("Siemens wird sich nicht aus seinem Geschäft um die australische Kohlemine Adani zurückziehen.", "de",
         ["AU"]),
        ("Das britische Parlament hat eine Entscheidung über den Brexit-Deal von Premierminister Boris Johnson "
         "verschoben.", "de", ["GB"]),
        ("Die Briten hatten vor über drei Jahren - im Sommer 2016 - mit knapper Mehrheit in einem Referendum für den "
         "Austritt aus der EU gestimmt.", "de", ["GB"]),
        ("trotzdem haben 20 Prozent aller Schweizer dafür gestimmt. In Deutschland würde die Zahl deutlich höher "
         "liegen", "de", ["CH", "DE"]),
        ("Bereits im Juli wird das Smartphone also bei jedem der drei großen deutschen Netzbetreiber käuflich "
         "erwerbbar sein.", "de", ["DE"]),
        ('sagt Fabian Stenger, der Deutschland-Chef von Flixbus. "Für den Fahrgast wäre das eine Katastrophe"', "de",
         ["DE"]),
        ("was die US-amerikanische Soziologin Juliet B. Schor neulich vorgeschlagen hat", "de", ["US"]),
        ("Deutschlandtakt: Flixbus attackiert Deutsche Bahn", "de", []),
        ("Frank Witzel erhält Deutschen Buchpreis 2015", "de", []),
        ("Das Interview wurde auf Deutsch geführt.", "de", []),
        ("El periodista ruso laureado con el último premio Nobel de la Paz, Dmitry Muratov, denunció este martes",
         "es", ["RU"]),
        ('Investigador chileno asegura que no publicó todo su material: "El 90% de los autos robados están en '
         'posesión de autoridades bolivianas"', "es", ["CL", "BO"]),
        ("Acá yo soy el Presidente de todos los chilenos y chilenas", "es", ["CL", "CL"]),
        ("opina Sergi González, meteorólogo del grupo antártico de la Agencia Española de Meteorología (Aemet).",
         "es", []),
        ("La entrevista, en español, se publicará el lunes.", "es", []),
        ("la lourde condamnation de Monsanto par la justice américaine, l’EPA américaine n’a pas cillé", "fr",
         ["US", "US"]),
        ("D’autres ONG sud-américaines, d’abord, s’en saisissent.", "fr", []),
        ("Les Allemands votent dimanche; le régime nord-coréen a tiré un missile.", "fr", ["DE", "KP"]),
        ("conquisterà tutta l’Italia garantendo giornate soleggiate, fino a 18°C su gran parte d’Italia", "it",
         ["IT", "IT"]),
        ("I turisti tedeschi e gli armatori greci chiedono aiuti.", "it", ["DE", "GR"]),
        ("De Duitse regering en de Britse premier spraken in het Nederlands met Frans Timmermans.", "nl",
         ["DE", "GB"]),
        # A language after a verb of speaking, an adverb between or not, or joined to one, is no country.
        ("Hij spreekt vloeiend Italiaans en woont in de Italiaanse hoofdstad.", "nl", ["IT"]),
        ("Het boek is vertaald in het Italiaans, zei de Italiaan.", "nl", ["IT"]),
        ("El presidente habla español y francés, y visitó a los alemanes.", "es", ["DE"]),
        ("Il parle couramment italien et anglais; le parlement italien a voté.", "fr", ["IT"]),
        ("Lei parla inglese e francese, ma il governo inglese tace.", "it", ["GB"]),
        ("Er spricht fließend italienisch und lebt bei den Italienern.", "de", ["IT"]),
        # Portuguese in its gender and number forms; Polish and Russian adjectives in every case, but beside their
        # word for language; English's word, mostly the language or a thing, is not read.
        ("Turistas britânicos e alemães lotam o Funchal, diz o cônsul norte-americano.", "pt", ["GB", "DE", "US"]),
        ("A cidade argentina recebeu estudantes brasileiras. Ela fala francês.", "pt", ["AR", "BR"]),
        ("um soco inglês", "pt", []),
        ("Kopalnie wzorują się na niemieckim Zagłębiu Ruhry, mówi ekspert języka polskiego.", "pl", ["DE"]),
        ("Китайские партнёры помогли российским специалистам; доклад на русском языке.", "ru", ["CN", "RU"]),
        ("As tropas ruandesas chegaram; o relatório em língua inglesa saiu.", "pt", ["RW"]),
        ("I cartelli sono in lingua inglese, ma il governo inglese tace.", "it", ["GB"]),
        ("Die Schilder sind in englischer Sprache verfasst.", "de", []),
        # German's -er adjectives of a country's name are capitalised and never declined: no name before a noun.
        ("Der Einstieg der Schweizer Reederei MSC, mit Schweizer Einschlag; die Deutsche Bahn.", "de", ["CH", "CH"]),
        ("Das sei neu, sagte Franz Schweizer, Sprecher der Polizei.", "de", []),  # a surname (probe 16)
        ("De Zweeds-Chinese autobouwer heeft een fabriek in Gent.", "nl", ["SE", "CN"]),
        # Review: a direction or a given name joined to a country is no pair of them; a noun after "Schweizer" makes
        # it the adjective, even after a capitalised noun.
        ("Migranten uit Zuid-Amerika, de Noord-Ierse politie en Frans-Willem de Vries.", "nl", []),
        ("Der Export Schweizer Uhren und die Aktien Luxemburger Banken.", "de", ["CH", "LU"]),
        # A nationality in a set phrase is none; ordinary wording with the same words keeps its country.
        ("Il a filé à l’anglaise de l’auberge espagnole, puis a vu le président espagnol.", "fr", ["ES"]),
        ("Se hizo el sueco en la montaña rusa; el gobierno ruso calla.", "es", ["RU"]),
        ("Ha fatto il portoghese, poi ha parlato con il ministro portoghese.", "it", ["PT"]),
        ("Il governo austriaco continua a fare l'indiano, dice il fornitore indiano.", "it", ["AT", "IN"]),
        ("Después se despidieron a la francesa, dijo el embajador francés.", "es", ["FR"]),
        ("El club despidió a la francesa Amélie Mauresmo.", "es", ["FR"]),
        ("Todos se hacen los suecos, dice el camionero chileno.", "es", ["CL"]),
        ("Fumavano come un turco, disse il tecnico svizzero.", "it", ["CH"]),
        ("Camminavano in fila indiana; l'aggressore è stato identificato come un turco di 34 anni.", "it", ["TR"]),
        ("Exige fila indiana de documentos, disse o exportador brasileiro.", "pt", ["BR"]),
        ("Comprou pão francês na padaria, disse o cônsul francês.", "pt", ["FR"]),
        ("To był czeski film, ale czeski rząd milczy; rosyjską ruletkę przerwała polska policja.", "pl", ["CZ", "PL"]),
        ("Dat ging op de Franse slag, zei de Franse minister.", "nl", ["FR"]),
        ("Для него это китайская грамота, сказал китайский дипломат.", "ru", ["CN"]),
        ("Das kam ihm spanisch vor, sagte der spanische Minister.", "de", ["ES"]),
        ("Переговоры прошли в шведской столице.", "ru", ["SE"]),
        ("Швейцарский сырьевой трейдер продал долю.", "ru", ["CH"]),
        ("Repsol vendió su filial a la francesa Total.", "es", ["FR"]),
        ("Un panel francés decidió.", "es", ["FR"]),
        ("Parmalat è stata ceduta alla francese Lactalis.", "it", ["FR"]),
        ("Festiwal czeskiego filmu odbył się w Warszawie.", "pl", ["CZ", "PL"]),
        ("Un livre sur l’histoire belge du XXe siècle.", "fr", ["BE"]),
        # Set phrases of probe 17: "it's all Greek to us", "that's double Dutch", "left without a word".
        ("Was da erzählt wird, sind für uns spanische Dörfer, sagte sie.", "de", []),
        ("Al die brieven: dat is Chinees voor de meeste mensen hier.", "nl", []),
        ("Os vereadores saíram à francesa antes da votação.", "pt", []),
    ],
)  # fmt: skip
def test_nationalities_in_other_languages(text: str, language: str, codes: list[str]) -> None:
    """Nationality adjectives and people nouns count as their country, names, languages and set phrases built on them
    do not."""
    assert [code for code, _offset in text_countries(text, language)] == codes


def test_bracketed_country_in_any_language() -> None:
    assert country_in_any_language("Russland") == "RU"
    assert country_in_any_language("Rusia") == "RU"
    assert country_in_any_language("dpa/lno") is None
