package main

import (
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"
)

// script is a writing system with the syllables names and places are made of.
type script struct {
	name      string
	syllables []string
	sep       string // between the parts of a name
}

var scripts = []script{
	{"latin", strings.Fields("an ja na ra del mo ri ta ko lu sa be ni ol ve ma ar en is os te ca li do ge ha"), " "},
	{"latin-diacritics", strings.Fields("jo sé mü ller ño ra fran çois ł ódź ė ša ý ka ře ző ö ä å ø ãe"), " "},
	{"arabic", strings.Fields("مح مد أح عب د ال له فا طم ة خا لد نو ر سا رة يو سف"), " "},
	{"devanagari", strings.Fields("रा म सी ता कु मार प्र िया अ नि ल शर्मा गु प्ता दे वी"), " "},
	{"cyrillic", strings.Fields("ива нов пет ров на та ли я сер гей оль га ми ха ил"), " "},
	{"greek", strings.Fields("γι ώρ γος πα πα δό που λος μα ρί α νί κος ελ έ νη"), " "},
	{"han", strings.Fields("王 李 张 刘 陈 杨 黄 赵 吴 周 伟 芳 娜 敏 静 丽 强 磊 军 洋"), ""},
	{"thai", strings.Fields("สม ชาย ศรี สุข ใจ วง ศ์ ประ เสริฐ นภา พร"), " "},
	{"ethiopic", strings.Fields("አበ በ ከበ ደ ተስ ፋ ዬ ሃ ይ ሉ ማ ርያ ም"), " "},
	{"tamil", strings.Fields("மு ரு கன் லட் சு மி செல் வம் கா யத் ரி"), " "},
}

// word returns a word of 1 to maxSyl syllables of sc.
func word(r *rand.Rand, sc script, maxSyl int) string {
	var b strings.Builder
	for range 1 + r.IntN(maxSyl) {
		b.WriteString(sc.syllables[r.IntN(len(sc.syllables))])
	}
	w := b.String()
	if sc.name == "latin" || sc.name == "latin-diacritics" {
		first, size := utf8.DecodeRuneInString(w)
		w = string(unicode.ToUpper(first)) + w[size:]
	}
	return w
}

// name returns a name of parts words in sc.
func name(r *rand.Rand, sc script, parts int) string {
	words := make([]string, parts)
	for i := range words {
		words[i] = word(r, sc, 3)
	}
	return strings.Join(words, sc.sep)
}

var streets = []string{"Main Street", "Station Road", "Rue de la Paix", "MG Road", "Avenida Central", "Market Lane", "Ring Road"}
var cities = []string{"Bengaluru, KA", "Manila", "Addis Ababa", "Rabat", "Colombo", "Lomé", "Tunis", "Casablanca", "Kampala"}

// address returns a postal address, sometimes over several lines, sometimes
// in sc.
func address(r *rand.Rand, sc script) string {
	var lines []string
	if r.IntN(2) == 0 {
		lines = append(lines, "House "+itoa(1+r.IntN(999)))
	}
	if r.IntN(3) == 0 {
		lines = append(lines, name(r, sc, 2))
	} else {
		lines = append(lines, itoa(1+r.IntN(200))+" "+streets[r.IntN(len(streets))])
	}
	lines = append(lines, cities[r.IntN(len(cities))])
	if r.IntN(2) == 0 {
		lines = append(lines, itoa(100000+r.IntN(900000)))
	}
	sep := ", "
	if r.IntN(2) == 0 {
		sep = "\n"
	}
	return strings.Join(lines, sep)
}

// digits returns n random decimal digits.
func digits(r *rand.Rand, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('0' + r.IntN(10))
	}
	return string(b)
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

// date returns a date of birth, YYYYMMDD or YYYY-MM-DD.
func date(r *rand.Rand) string {
	y, m, d := 1930+r.IntN(90), 1+r.IntN(12), 1+r.IntN(28)
	s := itoa(y) + pad2(m) + pad2(d)
	if r.IntN(3) == 0 {
		s = itoa(y) + "-" + pad2(m) + "-" + pad2(d)
	}
	return s
}

func pad2(n int) string {
	if n < 10 {
		return "0" + itoa(n)
	}
	return itoa(n)
}
