package site

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

//go:embed static
var static embed.FS

// WasmPackage is the import path of the SDK's js/wasm main.
const WasmPackage = "github.com/idqr/claim169/web/wasm"

// Files written by Build beside the static ones.
const (
	WasmFile     = "claim169.wasm"
	WasmExecFile = "wasm_exec.js"
)

// Build writes the site into dir, creating it if needed: the static files,
// claim169.wasm and wasm_exec.js. It runs the go command found on PATH,
// from the current directory, which must be inside this module.
func Build(ctx context.Context, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := writeStatic(dir); err != nil {
		return err
	}
	goroot, err := goOutput(ctx, nil, "env", "GOROOT")
	if err != nil {
		return err
	}
	glue, err := os.ReadFile(filepath.Join(goroot, "lib", "wasm", WasmExecFile))
	if err != nil {
		return fmt.Errorf("site: Go's %s: %w", WasmExecFile, err)
	}
	if err := os.WriteFile(filepath.Join(dir, WasmExecFile), glue, 0o644); err != nil {
		return err
	}
	_, err = goOutput(ctx, []string{"GOOS=js", "GOARCH=wasm"}, WasmBuildArgs(filepath.Join(dir, WasmFile))...)
	return err
}

// noInline lists the packages the module is compiled without inlining:
// those a call runs once or a few times, whatever its input's size (JSON,
// CBOR and ASN.1 through reflection, formatting, dates, big numbers for
// key and certificate parsing, certificates, JWKs, and the SDK's facade,
// COSE and CWT). Their code is then smaller, and the module about 170 KB
// lighter under gzip, for no cost that shows in a call of a few
// milliseconds. The packages where a call's time goes (the signature
// arithmetic, the image codecs, zlib and Brotli, the QR reader and writer)
// keep it. BENCHMARKS.md gives the figures.
var noInline = []string{
	"reflect", "fmt", "encoding/json", "encoding/asn1", "time", "math/big", "crypto/x509",
	"github.com/fxamacker/cbor/v2", "github.com/go-jose/go-jose/v4/...",
	"github.com/idqr/claim169/claim169/...", "github.com/idqr/claim169/cose/...",
	"github.com/idqr/claim169/cwt", "github.com/idqr/claim169/web/...",
}

// WasmBuildArgs returns the arguments of the go command that builds the
// module into out, with GOOS=js and GOARCH=wasm: -trimpath, no symbol
// table or DWARF (-ldflags=-s -w), and no inlining in the packages of
// noInline.
func WasmBuildArgs(out string) []string {
	args := []string{"build", "-trimpath", "-ldflags=-s -w"}
	for _, pkg := range noInline {
		args = append(args, "-gcflags="+pkg+"=-l")
	}
	return append(args, "-o", out, WasmPackage)
}

// writeStatic copies the embedded static files into dir.
func writeStatic(dir string) error {
	root, err := fs.Sub(static, "static")
	if err != nil {
		return err
	}
	return fs.WalkDir(root, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || path == "." {
			return err
		}
		target := filepath.Join(dir, filepath.FromSlash(path))
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := fs.ReadFile(root, path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
}

// StaticFiles returns the names of the embedded static files.
func StaticFiles() []string {
	var names []string
	_ = fs.WalkDir(static, "static", func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			names = append(names, strings.TrimPrefix(path, "static/"))
		}
		return nil
	})
	return names
}

// goOutput runs the go command with the environment additions env and
// returns its trimmed standard output; its standard error goes into the
// error.
func goOutput(ctx context.Context, env []string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Env = append(os.Environ(), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("site: go %s: %w\n%s", strings.Join(args, " "), err, stderr.Bytes())
	}
	return strings.TrimSpace(stdout.String()), nil
}
