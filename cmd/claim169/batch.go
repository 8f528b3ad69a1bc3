package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/claim169/batch"
	"github.com/idqr/claim169/claim169/record"
	"github.com/idqr/claim169/qr"
)

const batchExample = `  claim169 keygen --out issuer
  printf '%s\n' '{"claim169":{"id":"1001","fullName":"Ada Lovelace","gender":2},"cwt":{"issuer":"https://id.example.org"}}' \
                '{"claim169":{"id":"1002","fullName":"Alan Turing","gender":1}}' > people.jsonl
  claim169 batch --key issuer.key.pem --in people.jsonl --out qr --png
  # writes qr/1.txt, qr/1.png, qr/2.txt, qr/2.png and qr/errors.jsonl (bad records)

  # CSV: a header row of the JSON names; biometric cells hold JSON
  #   id,fullName,gender,photo,face,issuer,expiresAt
  claim169 batch --key issuer.key.pem --in people.csv --out qr --workers 4 --resume

  # Four machines, one shard each, sharing the directory qr:
  claim169 batch --key issuer.key.pem --in people.csv --out qr --shard 2/4

Records are numbered from 1 in the order they come, not counting blank lines
(JSON lines), empty lines (CSV) or the CSV header; CSV is quoted strictly
(RFC 4180), and a quote that opens a field and is not closed properly makes
one bad record, ending with the line where the field opened. A bad record
(malformed, over 1 MiB, or refused by the encoder) is skipped and listed in
DIR/errors.jsonl as {"record": N, "line": L, "error": "..."}, where L is
the line where it starts, sorted by N and never with identity data, and
the exit status is 2. Files are written 0600 (--file-mode) in a directory
made 0700, whole (to a new temporary file, then renamed), and no link in
DIR is followed. --resume skips record N only when N.txt (and, with --png,
N.png) are the files this command wrote for the same record with the same
key, as DIR/.issued.jsonl notes; it rewrites errors.jsonl and removes the
files an earlier run wrote for a record that is bad now. --shard K/N
issues the records numbered n with (n-1) mod N = K, under the same names,
listing bad ones in DIR/errors-K-of-N.jsonl.`

// maxBatchRecord bounds one record of a batch input, a JSON line or a CSV
// record with its quoted line breaks: a longer one is a bad record.
const maxBatchRecord = record.MaxRecordBytes

// errorsFile is the list of bad records in the output directory.
const errorsFile = "errors.jsonl"

type batchFlags struct {
	key, alg, kid string
	in, out       string
	ecc           string
	png, resume   bool
	workers       int
	level         qr.Level
	format        record.Format
	shard, shards int // --shard K/N; shards is 0 without it
	fileMode      fs.FileMode
}

func runBatch(e *env, args []string) error {
	f, err := parseBatchFlags(e, args)
	if err != nil {
		return err
	}
	opts, err := (&encodeFlags{key: f.key, alg: f.alg, kid: f.kid}).encoderOptions(e)
	if err != nil {
		return err
	}
	enc, err := claim169.NewEncoder(opts)
	if err != nil {
		return &inputError{"key", err}
	}
	in, size, err := openBatchInput(e, f.in)
	if err != nil {
		return err
	}
	defer in.Close()
	src, err := record.NewReader(in, f.format)
	if err != nil {
		if errors.Is(err, claim169.ErrMalformed) {
			return &inputError{"batch", err}
		}
		return &ioError{"--in", err}
	}
	dir, warning, err := openOutDir(f.out, f.fileMode)
	if err != nil {
		return err
	}
	defer dir.close()
	if warning != "" {
		fmt.Fprintf(e.stderr, "claim169: batch: warning: %s\n", warning)
	}
	b := &batchJob{flags: f, enc: enc, src: src, dir: dir, bar: newProgress(e.stderr, size), meta: map[int]recordMeta{}}
	b.runTxt, b.runPNG = runDigests(opts, f)
	// Rendering a QR code allocates heavily and briefly; a batch keeps a few
	// records in flight, so its live heap stays small (tens of MB at
	// batchGCPercent). Collecting less often leaves the CPUs to the workers.
	if os.Getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(batchGCPercent))
	}
	return b.run(e)
}

// batchGCPercent is the garbage collector's target (GOGC) during a batch,
// unless the GOGC environment variable sets one.
const batchGCPercent = 400

func parseBatchFlags(e *env, args []string) (*batchFlags, error) {
	fs := newFlagSet(e, "batch", "--key KEY.pem --in FILE(.jsonl|.csv) --out DIR [--png] [--ecc L|M|Q|H] [--workers N] [--kid KID] [--resume] [--shard K/N] [--file-mode 0600]", batchExample)
	f := new(batchFlags)
	var format, shard, mode string
	fs.StringVar(&f.key, "key", "", "issuer private key `FILE` (PEM PKCS#8/SEC1/PKCS#1, JWK or raw Ed25519 seed)")
	fs.StringVar(&f.alg, "alg", "", "signature `ALG`: EdDSA, ES256, ES384, ES512, PS256, PS384, PS512, RS256 (default: from the key)")
	fs.StringVar(&f.kid, "kid", "", "key ID written in the protected header")
	fs.StringVar(&f.in, "in", "", "input `FILE`: JSON lines (.jsonl) or CSV (.csv); - for stdin with --format")
	fs.StringVar(&format, "format", "", "input `FORMAT`, jsonl or csv (default: from the --in extension)")
	fs.StringVar(&f.out, "out", "", "output `DIR`, created if missing: N.txt, N.png and errors.jsonl")
	fs.BoolVar(&f.png, "png", false, "also write each QR code as DIR/N.png")
	fs.StringVar(&f.ecc, "ecc", "M", "QR error correction `LEVEL` for --png: L, M, Q or H")
	fs.IntVar(&f.workers, "workers", runtime.NumCPU(), "records encoded at once, 1.."+strconv.Itoa(batch.MaxWorkers))
	fs.BoolVar(&f.resume, "resume", false, "skip records whose output files this command wrote for the same record")
	fs.StringVar(&shard, "shard", "", "issue only shard `K/N`: the records numbered n with (n-1) mod N = K")
	fs.StringVar(&mode, "file-mode", "0600", "permissions of the output `MODE`, 0600 to 0644 (the directory gets 0700 to 0755)")
	if err := parseFlags(fs, args); err != nil {
		return nil, err
	}
	switch {
	case f.key == "":
		return nil, usagef("batch: --key is required")
	case f.in == "":
		return nil, usagef("batch: --in is required")
	case f.out == "":
		return nil, usagef("batch: --out is required")
	case f.workers < 1 || f.workers > batch.MaxWorkers:
		return nil, usagef("batch: --workers must be between 1 and %d", batch.MaxWorkers)
	}
	var err error
	if f.level, err = qr.ParseLevel(f.ecc); err != nil {
		return nil, usagef("batch: --ecc: want L, M, Q or H")
	}
	if f.fileMode, err = parseFileMode(mode); err != nil {
		return nil, usagef("batch: --file-mode: %v", err)
	}
	if shard != "" {
		if f.shard, f.shards, err = parseShard(shard); err != nil {
			return nil, usagef("batch: --shard: %v", err)
		}
	}
	if format == "" {
		format = strings.TrimPrefix(filepath.Ext(f.in), ".")
	}
	switch strings.ToLower(format) {
	case "jsonl", "ndjson":
		f.format = record.JSONLines
	case "csv":
		f.format = record.CSV
	default:
		return nil, usagef("batch: cannot tell the format of --in: use a .jsonl or .csv file, or --format jsonl|csv")
	}
	return f, nil
}

// maxShards bounds N in --shard K/N.
const maxShards = 1 << 20

// parseShard reads K/N with 0 <= K < N.
func parseShard(s string) (k, n int, err error) {
	ks, ns, ok := strings.Cut(s, "/")
	k, kerr := strconv.Atoi(ks)
	n, nerr := strconv.Atoi(ns)
	if !ok || kerr != nil || nerr != nil || n < 1 || n > maxShards || k < 0 || k >= n {
		return 0, 0, fmt.Errorf("want K/N with 0 <= K < N <= %d, such as 0/4", maxShards)
	}
	return k, n, nil
}

// openBatchInput opens --in and returns its size when known (else -1).
func openBatchInput(e *env, path string) (io.ReadCloser, int64, error) {
	if path == "-" {
		return io.NopCloser(e.stdin), -1, nil
	}
	file, err := os.Open(path)
	if err != nil {
		return nil, 0, &ioError{"--in", err}
	}
	size := int64(-1)
	if st, err := file.Stat(); err == nil && st.Mode().IsRegular() {
		size = st.Size()
	}
	return file, size, nil
}
