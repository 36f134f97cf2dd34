"""News paragraphs written for newswire in each language it must identify, scored by `newswire eval tagging`."""

from __future__ import annotations

NEWS_PARAGRAPHS: dict[str, str] = {
    "en": (
        "The city council approved a new budget on Thursday that raises spending on public transport and "
        "road repairs, after months of debate between the mayor and opposition members over local taxes."
    ),
    "de": (
        "Der Stadtrat hat am Donnerstag einen neuen Haushalt beschlossen, der mehr Geld für den öffentlichen "
        "Nahverkehr und die Sanierung von Straßen vorsieht. Die Opposition kritisierte die höheren Gebühren."
    ),
    "fr": (
        "Le conseil municipal a adopté jeudi un nouveau budget qui augmente les dépenses consacrées aux "
        "transports publics et à l'entretien des routes, après des mois de débats avec l'opposition."
    ),
    "es": (
        "El ayuntamiento aprobó el jueves un nuevo presupuesto que aumenta el gasto en transporte público y "
        "en la reparación de carreteras, tras meses de debate entre la alcaldesa y la oposición."
    ),
    "pt": (
        "A câmara municipal aprovou na quinta-feira um novo orçamento que aumenta os gastos com transporte "
        "público e com a manutenção das estradas, depois de meses de discussão com a oposição."
    ),
    "pl": (
        "Rada miasta przyjęła w czwartek nowy budżet, który zwiększa wydatki na transport publiczny i remonty "
        "dróg. Opozycja skrytykowała podwyżkę opłat i zapowiedziała skargę do wojewody."
    ),
    "ru": (
        "Городской совет в четверг утвердил новый бюджет, который увеличивает расходы на общественный "
        "транспорт и ремонт дорог. Оппозиция раскритиковала повышение местных сборов."
    ),
    "ar": (
        "وافق المجلس البلدي يوم الخميس على ميزانية جديدة تزيد الإنفاق على النقل العام وإصلاح الطرق، "
        "بعد أشهر من النقاش بين رئيس البلدية وأعضاء المعارضة حول الضرائب المحلية."
    ),
    "zh": (
        "市议会周四批准了一项新的预算案，增加了公共交通和道路维修方面的支出。"
        "反对派议员批评地方税费上涨，并表示将继续要求政府公开账目。"
    ),
    "ja": (
        "市議会は木曜日、公共交通機関と道路の補修への支出を増やす新しい予算案を可決した。"
        "野党は地方税の引き上げを批判し、市長に説明を求めている。"
    ),
    "ko": (
        "시의회는 목요일 대중교통과 도로 보수에 대한 지출을 늘리는 새 예산안을 통과시켰다. "
        "야당 의원들은 지방세 인상을 비판하며 시장의 해명을 요구했다."
    ),
    "hi": (
        "नगर परिषद ने गुरुवार को नया बजट पारित किया, जिसमें सार्वजनिक परिवहन और सड़कों की मरम्मत पर खर्च "
        "बढ़ाया गया है। विपक्ष ने स्थानीय करों में बढ़ोतरी की कड़ी आलोचना की है।"
    ),
    "bn": (
        "নগর পরিষদ বৃহস্পতিবার একটি নতুন বাজেট অনুমোদন করেছে, যাতে গণপরিবহন ও রাস্তা মেরামতে ব্যয় বাড়ানো "
        "হয়েছে। বিরোধী দল স্থানীয় কর বৃদ্ধির তীব্র সমালোচনা করেছে।"
    ),
    "th": (
        "สภาเทศบาลอนุมัติงบประมาณฉบับใหม่เมื่อวันพฤหัสบดี ซึ่งเพิ่มรายจ่ายด้านขนส่งสาธารณะและการซ่อมถนน "
        "ฝ่ายค้านวิจารณ์การขึ้นภาษีท้องถิ่นและเรียกร้องให้นายกเทศมนตรีชี้แจง"
    ),
    "my": (
        "မြို့တော်ကောင်စီသည် ကြာသပတေးနေ့တွင် အများပြည်သူသယ်ယူပို့ဆောင်ရေးနှင့် လမ်းပြုပြင်ရေးအတွက် "
        "အသုံးစရိတ်တိုးမြှင့်သည့် ဘတ်ဂျက်အသစ်ကို အတည်ပြုခဲ့သည်။ အတိုက်အခံများက ဒေသခံအခွန်တိုးမြှင့်မှုကို ဝေဖန်ခဲ့ကြသည်။"
    ),
    "ne": (
        "नगर परिषदले बिहीबार सार्वजनिक यातायात र सडक मर्मतमा खर्च बढाउने नयाँ बजेट पारित गरेको छ। "
        "विपक्षी दलले स्थानीय कर वृद्धिको कडा आलोचना गर्दै मेयरसँग जवाफ मागेको छ।"
    ),
    "lv": (
        "Pilsētas dome ceturtdien apstiprināja jaunu budžetu, kas palielina izdevumus sabiedriskajam "
        "transportam un ceļu remontam. Opozīcija kritizēja vietējo nodevu paaugstināšanu."
    ),
}
"""One short news paragraph per language (ISO 639-1 key) that the tag stage must identify correctly."""
