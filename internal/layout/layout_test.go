package layout

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

const module = "github.com/idqr/claim169"

// pkg is what `go list -json` says of one package.
type pkg struct {
	ImportPath string
	Deps       []string // every package it links, transitively
}

// errNoGo reports that the go command is not installed.
var errNoGo = errors.New("the go command is not installed")

// listed runs `go list` once for all the tests.
var listed = sync.OnceValues(listModule)

// listModule runs `go list` on every package of the module, offline, and
// returns them by path relative to the module ("qr/render").
func listModule() (map[string]pkg, error) {
	goCmd, err := exec.LookPath("go")
	if err != nil {
		return nil, errNoGo
	}
	cmd := exec.Command(goCmd, "list", "-json=ImportPath,Deps", "./...")
	cmd.Dir = "../.." // the module root
	cmd.Env = append(os.Environ(), "GOPROXY=off", "GOWORK=off", "GOFLAGS=-mod=readonly")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list: %w\n%s", err, stderr.Bytes())
	}
	pkgs := map[string]pkg{}
	for dec := json.NewDecoder(bytes.NewReader(out)); ; {
		var p pkg
		err := dec.Decode(&p)
		if errors.Is(err, io.EOF) {
			return pkgs, nil
		}
		if err != nil {
			return nil, fmt.Errorf("go list: %w", err)
		}
		pkgs[relative(p.ImportPath)] = p
	}
}

// modulePackages returns the module's packages, skipping the test where
// the go command is missing.
func modulePackages(t *testing.T) map[string]pkg {
	t.Helper()
	pkgs, err := listed()
	if errors.Is(err, errNoGo) {
		t.Skip(err)
	}
	require.NoError(t, err)
	return pkgs
}

// relative returns path relative to the module, or "" for a package outside
// it.
func relative(path string) string {
	if rest, ok := strings.CutPrefix(path, module+"/"); ok {
		return rest
	}
	return ""
}

// get returns the package at a path relative to the module; a package the
// test names must exist, so that a rename cannot pass the test unseen.
func get(t *testing.T, pkgs map[string]pkg, rel string) pkg {
	t.Helper()
	p, ok := pkgs[rel]
	require.True(t, ok, "package %s not found", rel)
	return p
}

// light are the packages that a backend verifying QR text links: the
// stages the facade composes, and the facade.
var light = []string{"base45", "cwt", "cose", "cose/keys", "biometrics", "qr", "claim169", "claim169/trust"}

// heavy are the dependencies a light package must not link: QR rendering
// and reading, image codecs and text encodings, and the module's own
// image decoder.
var heavy = []string{
	"github.com/makiuchi-d/gozxing",
	"github.com/skip2/go-qrcode",
	"golang.org/x/image",
	"golang.org/x/text",
	module + "/internal/imagedec",
	"image/png", "image/jpeg", "image/gif",
}

// isUnder reports whether path is prefix or a package below it.
func isUnder(path, prefix string) bool {
	return path == prefix || strings.HasPrefix(path, prefix+"/")
}

func TestLightPackagesLinkNoRaster(t *testing.T) {
	pkgs := modulePackages(t)
	for _, rel := range light {
		deps := get(t, pkgs, rel).Deps
		for _, h := range heavy {
			if i := slices.IndexFunc(deps, func(d string) bool { return isUnder(d, h) }); i >= 0 {
				t.Errorf("%s links %s (%s)", rel, h, deps[i])
			}
		}
	}
}

// stages lists each stage package with the other module packages it may
// link besides internal ones: a sub-package builds on its own stage and on
// that stage's private machinery (qr/internal/symbol, the QR symbol's
// structure, which the encoder and the reader share).
var stages = map[string][]string{
	"base45":           nil,
	"cwt":              nil,
	"cose":             nil,
	"cose/keys":        {"cose"},
	"biometrics":       nil,
	"biometrics/photo": {"biometrics"},
	"qr":               nil,
	"qr/render":        {"qr", "qr/internal/symbol"},
	"qr/scan":          {"qr", "qr/internal/symbol"},
}

func TestStagesImportNoOtherStage(t *testing.T) {
	pkgs := modulePackages(t)
	for rel, allowed := range stages {
		for _, dep := range get(t, pkgs, rel).Deps {
			d := relative(dep)
			if d == "" || isUnder(d, "internal") || slices.Contains(allowed, d) {
				continue
			}
			t.Errorf("stage %s links %s", rel, d)
		}
	}
}

// TestInternalImportsNoStage checks that the shared private machinery sits
// below every stage.
func TestInternalImportsNoStage(t *testing.T) {
	pkgs := modulePackages(t)
	for rel, p := range pkgs {
		if !isUnder(rel, "internal") {
			continue
		}
		for _, dep := range p.Deps {
			if d := relative(dep); d != "" && !isUnder(d, "internal") {
				t.Errorf("%s links %s", rel, d)
			}
		}
	}
}

// TestFacadeLinksNoRenderer checks that the facade composes the planning
// stages only: rendering, scanning and photo fitting are for the command
// and the services that draw or read codes.
func TestFacadeLinksNoRenderer(t *testing.T) {
	pkgs := modulePackages(t)
	for _, rel := range []string{"claim169", "claim169/trust"} {
		for _, dep := range get(t, pkgs, rel).Deps {
			switch d := relative(dep); d {
			case "qr/render", "qr/scan", "biometrics/photo":
				t.Errorf("%s links %s", rel, d)
			}
		}
	}
}

// TestRendererLinksNoOtherEncoder checks that qr/render draws codes with
// its own encoder: the QR libraries it is compared with are test oracles
// only, and it links no image codec but image/png's shared parts it writes
// by hand (compress/zlib, hash/crc32).
func TestRendererLinksNoOtherEncoder(t *testing.T) {
	pkgs := modulePackages(t)
	deps := get(t, pkgs, "qr/render").Deps
	for _, other := range []string{
		"github.com/makiuchi-d/gozxing",
		"github.com/skip2/go-qrcode",
		"rsc.io/qr",
		"golang.org/x/image",
		"image/png",
	} {
		if i := slices.IndexFunc(deps, func(d string) bool { return isUnder(d, other) }); i >= 0 {
			t.Errorf("qr/render links %s (%s)", other, deps[i])
		}
	}
}

// TestKitLinksNoTestingPackage checks that the test kit links neither the
// testing package (its runner takes any t with Run, so that the command,
// which writes its pack, links no test machinery) nor raster code.
func TestKitLinksNoTestingPackage(t *testing.T) {
	deps := get(t, modulePackages(t), "claim169test").Deps
	for _, h := range append([]string{"testing"}, heavy...) {
		if slices.ContainsFunc(deps, func(d string) bool { return isUnder(d, h) }) {
			t.Errorf("claim169test links %s", h)
		}
	}
}
