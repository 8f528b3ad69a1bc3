package qr

import (
	"testing"

	"github.com/idqr/claim169/qr/internal/qrtest"
)

func BenchmarkPlan(b *testing.B) {
	text := qrtest.Version20Text()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Plan(text, M); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPlanMixed plans a version-20 text with runs of digits, which
// the shortest encoding writes in many segments.
func BenchmarkPlanMixed(b *testing.B) {
	text := qrtest.RunsText(qrtest.NewRand(21), 1500, 1, 30, false)
	p, err := Plan(text, M)
	if err != nil || p.Mode != ModeMixed {
		b.Fatal("not a mixed text", err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Plan(text, M); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPlanReject(b *testing.B) {
	text := qrtest.Version20Text() + "lower case"
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Plan(text, M); err == nil {
			b.Fatal("accepted")
		}
	}
}

// BenchmarkDataCodewords writes the data stream of a version-20 code, as
// package render does for every code it draws: the text planned again, its
// segments traced back and written, and the padding.
func BenchmarkDataCodewords(b *testing.B) {
	text := qrtest.Version20Text()
	p, err := Plan(text, M)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := DataCodewords(text, p); err != nil {
			b.Fatal(err)
		}
	}
}
