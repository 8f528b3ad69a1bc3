package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/claim169/record"
	"github.com/idqr/claim169/cose/keys"
	"github.com/idqr/claim169/internal/benchtest"
	"github.com/idqr/claim169/qr/render"
)

// benchRecords is how many records one run of the PNG benchmarks issues.
const benchRecords = 64

// BenchmarkBatchPNG compares, in one run, the command issuing 64 records
// on one worker with --png ("png-ns") and without ("text-ns"),
// alternating: "ratio" is the cost of the PNGs as a factor (goal ≤ 4.5).
//
//	go test -run '^$' -bench BatchPNG -benchtime 20x ./cmd/claim169/
func BenchmarkBatchPNG(b *testing.B) {
	key, _ := batchKeys(b)
	path := batchInput(b, benchRecords)
	dirs := b.TempDir()
	runs := 0
	issue := func(png bool) func() {
		return func() {
			runs++
			args := []string{"batch", "--key", key, "--in", path, "--workers", "1", "--out", filepath.Join(dirs, strconv.Itoa(runs))}
			if png {
				args = append(args, "--png")
			}
			if code, _, stderr := batchRun("", args...); code != exitOK {
				b.Fatal(stderr)
			}
		}
	}
	benchtest.Ratio(b, issue(true), issue(false), "png", "text")
}

// BenchmarkBatchPerCard reports where the time of one card goes on one
// worker, as the median of each step over the same records: reading the
// record ("parse-ns"), signing it into QR text ("sign-ns"), drawing the QR
// code as a PNG ("png-ns"), and writing N.txt and N.png through temporary
// files renamed into place with the issued list's line ("files-ns").
//
//	go test -run '^$' -bench BatchPerCard -benchtime 500x ./cmd/claim169/
func BenchmarkBatchPerCard(b *testing.B) {
	keyFile, _ := batchKeys(b)
	data, err := os.ReadFile(keyFile)
	require.NoError(b, err)
	signer, err := keys.ParsePrivate(data)
	require.NoError(b, err)
	enc, err := claim169.NewEncoder(claim169.EncoderOptions{Signer: signer})
	require.NoError(b, err)
	dir, _, err := openOutDir(filepath.Join(b.TempDir(), "out"), defaultFileMode)
	require.NoError(b, err)
	defer dir.close()
	list, err := openIssued(dir, ".issued.jsonl", false)
	require.NoError(b, err)
	defer list.close()

	var parse, sign, png, files []time.Duration
	var buf bytes.Buffer
	n := 0
	for b.Loop() {
		n++
		line := []byte(batchGood(n%benchRecords + 1))
		t0 := time.Now()
		rec, err := record.Parse(line)
		require.NoError(b, err)
		t1 := time.Now()
		out, err := enc.Encode(rec.Identity, rec.Claims)
		require.NoError(b, err)
		t2 := time.Now()
		code, err := render.New(out.Text, render.Options{})
		require.NoError(b, err)
		buf.Reset()
		require.NoError(b, code.WritePNG(&buf))
		t3 := time.Now()
		base := strconv.Itoa(n)
		require.NoError(b, dir.writeFile(base+".png", buf.Bytes()))
		text := []byte(out.Text + "\n")
		require.NoError(b, dir.writeFile(base+".txt", text))
		require.NoError(b, list.add(n, mark{}, &mark{}))
		t4 := time.Now()
		parse, sign = append(parse, t1.Sub(t0)), append(sign, t2.Sub(t1))
		png, files = append(png, t3.Sub(t2)), append(files, t4.Sub(t3))
	}
	for _, m := range []struct {
		unit string
		ds   []time.Duration
	}{{"parse-ns", parse}, {"sign-ns", sign}, {"png-ns", png}, {"files-ns", files}} {
		b.ReportMetric(float64(benchtest.Median(m.ds).Nanoseconds()), m.unit)
	}
}

// BenchmarkBatch runs the command over benchRecords records with 1 and with every
// CPU's worker, with and without PNG.
func BenchmarkBatch(b *testing.B) {
	key, _ := batchKeys(b)
	in := batchLines(benchRecords)
	path := writeFile(b, b.TempDir(), "people.jsonl", in)
	for _, png := range []bool{false, true} {
		for _, workers := range []int{1, runtime.NumCPU()} {
			b.Run(fmt.Sprintf("png=%v/workers=%d", png, workers), func(b *testing.B) {
				args := []string{"batch", "--key", key, "--in", path, "--workers", strconv.Itoa(workers)}
				if png {
					args = append(args, "--png")
				}
				b.SetBytes(int64(len(in)))
				b.ReportAllocs()
				for b.Loop() {
					b.StopTimer()
					out := b.TempDir()
					b.StartTimer()
					if code, _, stderr := batchRun("", append(args, "--out", out)...); code != exitOK {
						b.Fatal(stderr)
					}
				}
				b.ReportMetric(float64(b.N*benchRecords)/b.Elapsed().Seconds(), "records/s")
			})
		}
	}
}
