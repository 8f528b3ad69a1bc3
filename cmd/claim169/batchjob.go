package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"sync"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/claim169/batch"
	"github.com/idqr/claim169/claim169/record"
	"github.com/idqr/claim169/qr/render"
)

// batchJob is one run of the command.
type batchJob struct {
	flags  *batchFlags
	enc    *claim169.Encoder
	src    *record.Reader
	dir    *outDir
	bar    *progress
	issued *issuedList
	done   map[mark]struct{} // the marks of the issued lists, with --resume

	runTxt, runPNG [32]byte // the run's settings, in the marks

	mu   sync.Mutex
	meta map[int]recordMeta // the records in flight, by number

	skipped int // by the reader goroutine, read after it is done
	pngBufs sync.Pool
}

// recordMeta is what the batch keeps of a record in flight.
type recordMeta struct {
	line   int
	digest [32]byte // of its JSON
}

// runDigests returns the digests of the settings that a text file and a
// PNG file depend on, besides the record: the issuer's public key, the
// algorithm and the kid, and for a PNG the QR level.
func runDigests(opts claim169.EncoderOptions, f *batchFlags) (txt, png [32]byte) {
	pub, _ := x509.MarshalPKIXPublicKey(opts.Signer.Public())
	settings := fmt.Sprintf("alg=%d kid=%x unprotected=%v\x00", opts.Algorithm, opts.KeyID, opts.KeyIDUnprotected)
	txt = sha256.Sum256(append([]byte(settings), pub...))
	png = sha256.Sum256(append(txt[:], byte(f.level)))
	return txt, png
}

// names returns the names of this run's errors file and issued list.
func (b *batchJob) names() (errors, issued string) {
	suffix := shardSuffix(b.flags.shard, b.flags.shards)
	return "errors" + suffix + ".jsonl", ".issued" + suffix + ".jsonl"
}

// mine reports whether record n belongs to this run's shard.
func (b *batchJob) mine(n int) bool {
	return b.flags.shards == 0 || (n-1)%b.flags.shards == b.flags.shard
}

// start reads the issued lists for --resume and opens this run's issued
// list and errors file.
func (b *batchJob) start() (*errorLog, error) {
	errName, issuedName := b.names()
	var err error
	if b.flags.resume {
		if b.done, err = loadIssued(b.dir, b.mine); err != nil {
			return nil, err
		}
	}
	if b.issued, err = openIssued(b.dir, issuedName, b.flags.resume); err != nil {
		return nil, err
	}
	errLog, err := newErrorLog(b.dir, errName)
	if err != nil {
		b.issued.close()
		return nil, err
	}
	return errLog, nil
}

func (b *batchJob) run(e *env) error {
	errLog, err := b.start()
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
		meta := b.take(r.N)
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
			errLog.add(r.N, meta.line, r.Err)
			if err := b.dir.removeOutputs(r.N); err != nil && fatal == nil {
				fatal = err
				cancel()
			}
		}
		b.bar.update(written+bad, bad, b.src.Offset(), false)
	}
	<-read
	b.bar.update(written+bad, bad, 0, true)
	fatal = firstErr(fatal, readErr, errLog.close(), b.issued.close())
	if fatal != nil {
		return fatal
	}
	total := written + bad + b.skipped
	fmt.Fprintf(e.stdout, "batch: %d records: %d written, %d skipped, %d bad\n", total, written, b.skipped, bad)
	if bad > 0 {
		errName, _ := b.names()
		return &inputError{"batch", fmt.Errorf("%d of %d records were bad, listed in %s",
			bad, total, filepath.Join(b.flags.out, errName))}
	}
	return nil
}

// take returns and forgets what the batch kept of record n.
func (b *batchJob) take(n int) recordMeta {
	b.mu.Lock()
	defer b.mu.Unlock()
	m := b.meta[n]
	delete(b.meta, n)
	return m
}

// digestOf returns the digest of record n, in flight.
func (b *batchJob) digestOf(n int) [32]byte {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.meta[n].digest
}

// read sends the records of the input that belong to this shard on items,
// skipping those already issued with --resume. It returns an I/O error,
// or nil at the end of the input or when ctx is done.
func (b *batchJob) read(ctx context.Context, items chan<- batch.Item) error {
	for {
		raw, err := b.src.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return &ioError{"--in", err}
		}
		if !b.mine(raw.N) {
			continue
		}
		meta := recordMeta{line: raw.Line}
		if raw.Err == nil {
			meta.digest = sha256.Sum256(raw.JSON)
			if b.flags.resume && b.issuedBefore(raw.N, meta.digest) {
				b.skipped++
				continue
			}
		}
		b.mu.Lock()
		b.meta[raw.N] = meta
		b.mu.Unlock()
		select {
		case items <- batch.Item{N: raw.N, JSON: raw.JSON, Err: raw.Err}:
		case <-ctx.Done():
			return nil
		}
	}
}

// issuedBefore reports whether record n, with this digest, has its files
// in place: files whose marks are on an issued list.
func (b *batchJob) issuedBefore(n int, digest [32]byte) bool {
	base := strconv.Itoa(n)
	data, err := b.dir.readFile(base+".txt", maxOutputFile)
	if err != nil {
		return false
	}
	if _, ok := b.done[markOf("txt", n, digest, b.runTxt, data)]; !ok {
		return false
	}
	if !b.flags.png {
		return true
	}
	if data, err = b.dir.readFile(base+".png", maxOutputFile); err != nil {
		return false
	}
	_, ok := b.done[markOf("png", n, digest, b.runPNG, data)]
	return ok
}

// save is the batch's Finish: it renders the PNG, if asked for, writes the
// record's files and puts them on the issued list. A text the QR code
// cannot hold makes a bad record; a failed write is an *ioError, which
// stops the batch.
func (b *batchJob) save(_ context.Context, r *batch.Result) error {
	base := strconv.Itoa(r.N)
	digest := b.digestOf(r.N)
	var pngMark *mark
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
		if err := b.dir.writeFile(base+".png", buf.Bytes()); err != nil {
			return err
		}
		m := markOf("png", r.N, digest, b.runPNG, buf.Bytes())
		pngMark = &m
	}
	text := []byte(r.Encoded.Text + "\n")
	if err := b.dir.writeFile(base+".txt", text); err != nil {
		return err
	}
	return b.issued.add(r.N, markOf("txt", r.N, digest, b.runTxt, text), pngMark)
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
