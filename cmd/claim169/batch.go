package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/claim169/batch"
	"github.com/idqr/claim169/qr"
	"github.com/idqr/claim169/qr/render"
)

const batchExample = `  claim169 keygen --out issuer
  printf '%s\n' '{"claim169":{"id":"1001","fullName":"Ada Lovelace","gender":2},"cwt":{"issuer":"example.org"}}' \
                '{"claim169":{"id":"1002","fullName":"Alan Turing","gender":1}}' > people.jsonl
  claim169 batch --key issuer.key.pem --in people.jsonl --out qr --png
  # writes qr/1.txt, qr/1.png, qr/2.txt, qr/2.png and qr/errors.jsonl (bad records)

  # CSV: a header row of the JSON names; biometric cells hold JSON
  #   id,fullName,gender,photo,face,issuer,expiresAt
  claim169 batch --key issuer.key.pem --in people.csv --out qr --workers 4 --resume

Records are numbered from 1 in the order they come, not counting blank lines
(JSON lines), empty lines (CSV) or the CSV header. A bad record (malformed,
over 1 MiB, or refused by the encoder) is skipped and listed in
DIR/errors.jsonl as {"line": N, "error": "..."}, sorted by N and never with
identity data, and the exit status is 2. Files are written whole (to a
temporary name, then renamed); --resume skips the records whose N.txt (and,
with --png, N.png) exist, and rewrites errors.jsonl.`

// maxBatchRecord bounds one record of a batch input, a JSON line or a CSV
// record with its quoted line breaks: a longer one is a bad record.
const maxBatchRecord = 1 << 20

// errorsFile is the list of bad records in the output directory.
const errorsFile = "errors.jsonl"

type batchFlags struct {
	key, alg, kid   string
	in, format, out string
	ecc             string
	png, resume     bool
	workers         int
	level           qr.Level
	csv             bool
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
	if err := os.MkdirAll(f.out, 0o755); err != nil {
		return &ioError{"--out", err}
	}
	src, err := newBatchSource(in, f.csv)
	if err != nil {
		return err
	}
	b := &batchJob{flags: f, enc: enc, src: src, bar: newProgress(e.stderr, size)}
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
	fs := newFlagSet(e, "batch", "--key KEY.pem --in FILE(.jsonl|.csv) --out DIR [--png] [--ecc L|M|Q|H] [--workers N] [--kid KID] [--resume]", batchExample)
	f := new(batchFlags)
	fs.StringVar(&f.key, "key", "", "issuer private key `FILE` (PEM PKCS#8/SEC1/PKCS#1, JWK or raw Ed25519 seed)")
	fs.StringVar(&f.alg, "alg", "", "signature `ALG`: EdDSA, ES256, ES384, ES512, PS256, PS384, PS512, RS256 (default: from the key)")
	fs.StringVar(&f.kid, "kid", "", "key ID written in the protected header")
	fs.StringVar(&f.in, "in", "", "input `FILE`: JSON lines (.jsonl) or CSV (.csv); - for stdin with --format")
	fs.StringVar(&f.format, "format", "", "input `FORMAT`, jsonl or csv (default: from the --in extension)")
	fs.StringVar(&f.out, "out", "", "output `DIR`, created if missing: N.txt, N.png and errors.jsonl")
	fs.BoolVar(&f.png, "png", false, "also write each QR code as DIR/N.png")
	fs.StringVar(&f.ecc, "ecc", "M", "QR error correction `LEVEL` for --png: L, M, Q or H")
	fs.IntVar(&f.workers, "workers", runtime.NumCPU(), "records encoded at once, 1.."+strconv.Itoa(batch.MaxWorkers))
	fs.BoolVar(&f.resume, "resume", false, "skip records whose output files exist already")
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
	format := strings.ToLower(f.format)
	if format == "" {
		format = strings.TrimPrefix(strings.ToLower(filepath.Ext(f.in)), ".")
	}
	switch format {
	case "jsonl", "ndjson":
	case "csv":
		f.csv = true
	default:
		return nil, usagef("batch: cannot tell the format of --in: use a .jsonl or .csv file, or --format jsonl|csv")
	}
	return f, nil
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

// batchJob is one run of the command.
type batchJob struct {
	flags *batchFlags
	enc   *claim169.Encoder
	src   *batchSource
	bar   *progress

	skipped int // by the reader goroutine, read after it is done
	pngBufs sync.Pool
}

func (b *batchJob) run(e *env) error {
	errLog, err := newErrorLog(b.flags.out)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	items := make(chan batch.Item, b.flags.workers)
	var readErr error
	read := make(chan struct{})
	go func() {
		defer close(read)
		defer close(items)
		if readErr = b.read(ctx, items); readErr != nil {
			cancel()
		}
	}()
	results := batch.Encode(ctx, b.enc, items, batch.Options{
		Workers: b.flags.workers, Ordered: true, Finish: b.save,
	})
	var fatal error
	written, bad := 0, 0
	for r := range results {
		var ioe *ioError
		switch {
		case r.Err == nil:
			written++
		case errors.As(r.Err, &ioe):
			if fatal == nil {
				fatal = r.Err
				cancel()
			}
		default:
			bad++
			errLog.add(r.N, r.Err)
		}
		b.bar.update(written+bad, bad, b.src.offset.Load(), false)
	}
	<-read
	b.bar.update(written+bad, bad, 0, true)
	if err := errLog.close(); err != nil && fatal == nil {
		fatal = err
	}
	if fatal = firstErr(fatal, readErr); fatal != nil {
		return fatal
	}
	total := written + bad + b.skipped
	fmt.Fprintf(e.stdout, "batch: %d records: %d written, %d skipped, %d bad\n", total, written, b.skipped, bad)
	if bad > 0 {
		return &inputError{"batch", fmt.Errorf("%d of %d records were bad, listed in %s",
			bad, total, filepath.Join(b.flags.out, errorsFile))}
	}
	return nil
}

// firstErr returns the first non-nil error.
func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// read numbers the records of the input and sends them on items, skipping
// those whose output exists with --resume. It returns an I/O error, or nil
// at the end of the input or when ctx is done.
func (b *batchJob) read(ctx context.Context, items chan<- batch.Item) error {
	for n := 1; ; n++ {
		data, bad, err := b.src.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return &ioError{"--in", err}
		}
		if b.flags.resume && b.done(n) {
			b.skipped++
			continue
		}
		item := batch.Item{N: n, JSON: data, Err: bad}
		select {
		case items <- item:
		case <-ctx.Done():
			return nil
		}
	}
}

// done reports whether record n's output files exist (and are not empty).
func (b *batchJob) done(n int) bool {
	exts := []string{".txt"} // written last, atomically (see save)
	if b.flags.png {
		exts = append(exts, ".png")
	}
	for _, ext := range exts {
		st, err := os.Stat(filepath.Join(b.flags.out, strconv.Itoa(n)+ext))
		if err != nil || !st.Mode().IsRegular() || st.Size() == 0 {
			return false
		}
	}
	return true
}

// save is the batch's Finish: it renders the PNG, if asked for, and writes
// the record's files. A text the QR code cannot hold makes a bad record;
// a failed write is an *ioError, which stops the batch.
func (b *batchJob) save(_ context.Context, r *batch.Result) error {
	base := filepath.Join(b.flags.out, strconv.Itoa(r.N))
	if b.flags.png {
		code, err := render.New(r.Encoded.Text, render.Options{Level: b.flags.level})
		if err != nil {
			return err
		}
		buf, _ := b.pngBufs.Get().(*bytes.Buffer)
		if buf == nil {
			buf = new(bytes.Buffer)
		}
		buf.Reset()
		defer b.pngBufs.Put(buf)
		if err := code.WritePNG(buf); err != nil {
			return err
		}
		// The PNG is written in place: the text, renamed into place after it,
		// is what marks the record done for --resume, so a PNG cut short by
		// an interruption is never trusted. One rename per record, not two,
		// matters when thousands of files go into one directory.
		if err := os.WriteFile(base+".png", buf.Bytes(), 0o644); err != nil {
			return &ioError{"write " + filepath.Base(base) + ".png", err}
		}
	}
	return writeAtomic(base+".txt", []byte(r.Encoded.Text+"\n"))
}

// writeAtomic writes data to a temporary file beside path, then renames it,
// so that path never holds a partial file. Files are not synced to disk.
func writeAtomic(path string, data []byte) error {
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".tmp")
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return &ioError{"write " + filepath.Base(path), err}
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return &ioError{"write " + filepath.Base(path), err}
	}
	return nil
}
