package demo

// Customer is a CARI row of the demo data set.
type Customer struct {
	Key       int64
	Code      string
	Name      string // ADI_SOYADI (persons)
	TradeName string // TICARI_UNVANI (companies)
	Mobile    string // CEP_TEL as the shop typed it
	Phone1    string // TEL1, often a landline
	Email     string
	City      string
	TaxNo     string // personal data that must never leave the machine
	Address   string
}

// Invoice is a FATURA row of the demo data set.
type Invoice struct {
	Key      int64
	Customer int64 // BLCRKODU; may point at a customer that does not exist
	No       string
	Total    string // NUMERIC(18,2) as text, exact
	Kind     int    // FATURA_DURUMU: 1 sale, 2 sale return, 3 export sale, 5 purchase
	Date     string // TARIHI, yyyy-mm-dd
	Cancel   bool   // IPTAL
	Deleted  bool   // SILINDI
	Mobile   string // invoice-level CEP_TEL, preferred over the customer's
	Email    string
}

// Customers are written the ways shops really write phone numbers, with a
// few that cannot receive SMS.
var Customers = []Customer{
	{1, "120.01.001", "Ayşe Yılmaz", "", "0532 123 45 67", "", "ayse.yilmaz@example.com", "İstanbul", "11111111110", "Bağdat Cad. No:12 Kadıköy"},
	{2, "120.01.002", "Mehmet Öztürk", "", "+90 (533) 234-5678", "0212 555 12 12", "mehmet@ozturk.example.com", "İstanbul", "22222222220", "Şişli"},
	{3, "120.01.003", "", "Çağlar Gıda San. ve Tic. Ltd. Şti.", "5321234568", "0216 444 00 11", "muhasebe@caglargida.example.com", "Kocaeli", "3330001112", "Gebze OSB"},
	{4, "120.01.004", "İsmail Şahin", "", "0090 535 345 67 89", "", "", "Ankara", "44444444440", "Çankaya"},
	{5, "120.01.005", "Gülşen Doğan", "", "0 (542) 456 78 90", "", "gulsen.dogan@example.com", "İzmir", "", "Karşıyaka"},
	{6, "120.01.006", "Hüseyin Çelik", "", "0212 345 67 89", "", "", "İstanbul", "", "Fatih"},           // landline only
	{7, "120.01.007", "Şükrü Kılıç", "", "yok", "", "", "Bursa", "", "Nilüfer"},                         // garbage
	{8, "120.01.008", "Özlem Aydın", "", "", "", "ozlem.aydin@example.com", "Antalya", "", "Muratpaşa"}, // no phone
	{9, "120.01.009", "Ümit Arslan", "", "0544-567-89-01", "", "", "Eskişehir", "", "Odunpazarı"},
	{10, "120.01.010", "", "Işık Mobilya A.Ş.", "0 555 678 90 12", "0224 211 22 33", "info@isikmobilya.example.com", "Bursa", "5550002223", "İnegöl"},
	{11, "120.01.011", "Zeynep Koç", "", "+905067890123", "", "zeynep.koc@example.com", "Trabzon", "", "Ortahisar"},
	{12, "120.01.012", "Emre Yıldız", "", "532 789 01 2", "", "", "Konya", "", "Selçuklu"}, // one digit short
	{13, "120.01.013", "Çiğdem Güneş", "", "05417890124", "", "", "Adana", "", "Seyhan"},
	{14, "120.01.014", "Oğuz Kaya", "", "0 532 901 23 45", "", "oguz@kaya.example.com", "Samsun", "", "Atakum"},
	{15, "120.01.015", "", "Güneşli Tekstil Ltd. Şti.", "", "0212 600 70 80", "satis@gunesli.example.com", "İstanbul", "6660003334", "Bağcılar"}, // landline only
	{16, "120.01.016", "İlknur Bozkurt", "", "0 543 012 34 56", "", "", "Mersin", "", "Yenişehir"},
	{17, "120.01.017", "Ali Rıza Erdoğan", "", "+90 530 123 45 60", "", "", "Kayseri", "", "Melikgazi"},
	{18, "120.01.018", "Büşra Şimşek", "", "0(546)2345671", "", "busra.simsek@example.com", "Denizli", "", "Pamukkale"},
}

// Invoices cover the cases the new-invoice job must get right.
var Invoices = []Invoice{
	{101, 1, "2024-101", "1250.00", 1, "2026-11-02", false, false, "", ""},
	{102, 2, "2024-102", "1200000.50", 1, "2026-11-02", false, false, "", ""},
	{103, 3, "2024-103", "84750.25", 1, "2026-11-03", false, false, "", ""},
	{104, 4, "2024-104", "999.90", 3, "2026-11-03", false, false, "", ""},
	{105, 5, "2024-105", "15.00", 1, "2026-11-04", false, false, "", ""},
	{106, 6, "2024-106", "3400.00", 1, "2026-11-04", false, false, "", ""}, // landline only: skipped
	{107, 7, "2024-107", "560.00", 1, "2026-11-05", false, false, "", ""},  // garbage phone: skipped
	{108, 8, "2024-108", "72.50", 1, "2026-11-05", false, false, "", ""},   // no phone: skipped
	{109, 9, "2024-109", "12500.00", 1, "2026-11-06", false, false, "", ""},
	{110, 10, "2024-110", "48000.00", 1, "2026-11-06", false, false, "", ""},
	{111, 11, "2024-111", "230.40", 1, "2026-11-07", true, false, "", ""},                 // cancelled: never messaged
	{112, 12, "2024-112", "1800.00", 1, "2026-11-07", false, false, "", ""},               // bad number: skipped
	{113, 13, "2024-113", "7600.00", 2, "2026-11-08", false, false, "", ""},               // a return, not a sale
	{114, 14, "2024-114", "410.00", 1, "2026-11-08", false, true, "", ""},                 // deleted: never messaged
	{115, 15, "2024-115", "2950.75", 1, "2026-11-09", false, false, "0532 111 22 33", ""}, // invoice-level mobile wins
	{116, 16, "2024-116", "18000.00", 5, "2026-11-09", false, false, "", ""},              // purchase: not a customer message
	{117, 99, "2024-117", "650.00", 1, "2026-11-10", false, false, "", ""},                // customer row missing
	{118, 17, "2024-118", "5320.10", 1, "2026-11-10", false, false, "", ""},
	{119, 18, "2024-119", "140.00", 1, "2026-11-11", false, false, "", ""},
	{120, 1, "2024-120", "2100.00", 1, "2026-11-11", false, false, "", ""},
	{121, 2, "2024-121", "345.60", 1, "2026-11-12", false, false, "", ""},
	{122, 11, "2024-122", "99.99", 1, "2026-11-12", false, false, "", ""},
	{123, 14, "2024-123", "6200.00", 1, "2026-11-13", false, false, "", ""},
	{124, 5, "2024-124", "1.250", 1, "2026-11-13", false, false, "", ""},
	{125, 9, "2024-125", "27500.00", 3, "2026-11-14", false, false, "", ""},
	{126, 16, "2024-126", "880.00", 1, "2026-11-14", false, false, "", ""},
	{127, 13, "2024-127", "4300.00", 1, "2026-11-15", false, false, "", ""},
	{128, 18, "2024-128", "610.00", 1, "2026-11-15", false, false, "", ""},
	{129, 17, "2024-129", "15750.00", 1, "2026-11-16", false, false, "", ""},
	{130, 4, "2024-130", "3.50", 1, "2026-11-16", false, false, "", ""},
}

// LaterInvoices are inserted between the demo's two runs, with their debits.
var LaterInvoices = []Invoice{
	{131, 1, "2024-131", "1750.00", 1, "2026-11-17", false, false, "", ""},
	{132, 10, "2024-132", "62400.00", 1, "2026-11-17", false, false, "", ""},
	{133, 16, "2024-133", "435.25", 1, "2026-11-18", false, false, "", ""},
}

// Movement is a CARIHR row: a debit (an invoice) or a credit (a payment).
type Movement struct {
	Key      int64
	Customer int64
	Type     int    // ISLEM_TURU: 9 invoice, 1 payment
	Document string // EVRAK_NO
	Date     string
	Debit    string // KPB_BTUT
	Credit   string // KPB_ATUT
}

// Movements are the customers' accounts: every sales invoice's debit, and
// payments that cover some of them, so the reminders have something to
// tell apart. Ayşe paid invoice 101 and still owes 120; Mehmet paid part of
// 102; Işık Mobilya paid everything.
var Movements = []Movement{
	{5001, 1, 9, "2024-101", "2026-11-02", "1250.00", "0"},
	{5002, 1, 9, "2024-120", "2026-11-11", "2100.00", "0"},
	{5003, 1, 1, "TAH-2026-001", "2026-11-20", "0", "1250.00"},
	{5004, 2, 9, "2024-102", "2026-11-02", "1200000.50", "0"},
	{5005, 2, 9, "2024-121", "2026-11-12", "345.60", "0"},
	{5006, 2, 1, "TAH-2026-002", "2026-11-21", "0", "600000.00"},
	{5007, 10, 9, "2024-110", "2026-11-06", "48000.00", "0"},
	{5008, 10, 1, "TAH-2026-003", "2026-11-22", "0", "48000.00"},
	{5009, 9, 9, "2024-109", "2026-11-06", "12500.00", "0"},
	{5013, 9, 9, "2024-125", "2026-11-14", "27500.00", "0"},
	{5010, 5, 9, "2024-105", "2026-11-04", "15.00", "0"},
	{5011, 5, 9, "2024-124", "2026-11-13", "1.25", "0"},
}

// Contact is a CARI_YETKILI row.
type Contact struct {
	Key, Customer int64
	Name, Mobile  string
	Email         string
	Flagged       bool // SMS_GONDER
}

// Contacts: Işık Mobilya's accountant is flagged for messages, its owner
// is not; Çağlar Gıda's buyer is.
var Contacts = []Contact{
	{31, 10, "Mehmet Demir", "0533 765 43 21", "mehmet.demir@isikmobilya.example.com", true},
	{32, 10, "Hasan Işık", "0533 000 11 22", "", false},
	{33, 3, "Şule Çağlar", "0544 111 22 33", "", true},
}

// Shipments are tracking numbers on invoices: carrier and number.
var Shipments = map[int64][2]string{
	101: {"Yurtiçi Kargo", "YK 123 456 789"},
	110: {"Aras Kargo", "3456789012"},
	118: {"", "MNG-77881"},
}

// EInvoices are e-invoice links (EFATURA_PDF_URL).
var EInvoices = map[int64]string{
	101: "https://efatura.example.com/pdf/3f2a9c1e-2024-101",
	110: "https://efatura.example.com/pdf/7b41d0aa-2024-110",
	120: "https://efatura.example.com/pdf/c55e1f02-2024-120",
}
