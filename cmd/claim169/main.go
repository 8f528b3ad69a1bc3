// Command claim169 issues, verifies and inspects MOSIP Claim 169 identity
// QR codes. Its interface is a contract — flags, JSON names, the
// "verification" and "trust" values, exit codes — written down in
// docs/CLI.md of the repository
// (https://github.com/idqr/claim169/blob/main/docs/CLI.md); CHANGELOG.md
// lists every change of its meaning.
//
// Install it from a clone with go install ./cmd/claim169 (it lands in
// $(go env GOPATH)/bin), or run it with go run ./cmd/claim169.
//
// Exit codes: 0 success, 1 usage or I/O error, 2 malformed input, 3
// verification failed, 4 outside validity, 5 decryption failed. Errors are
// one line on stderr, "claim169: <stage>: <reason>", never with identity
// data or key material.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"sort"
	"strings"

	"github.com/idqr/claim169/claim169/record"

	"golang.org/x/term"
)

// Exit codes of the command's contract (docs/CLI.md), shared with every
// front end that speaks it (record.ExitCode).
const (
	exitOK         = record.ExitOK
	exitUsage      = record.ExitUsage        // usage or I/O error
	exitMalformed  = record.ExitMalformed    // malformed input, a limit exceeded; batch: some records were bad
	exitVerify     = record.ExitVerification // verification failed
	exitValidity   = record.ExitValidity     // expired or not yet valid
	exitDecryption = record.ExitDecryption   // decryption failed
)

// env is what a subcommand may touch, so that tests can run the command in
// process.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	// stdinTerminal reports stdin to be a terminal: a subcommand that
	// reads it then says what it waits for.
	stdinTerminal bool
	// discovery is how issuer discovery reaches the network; nil is the
	// default client and public addresses only (tests set their own).
	discovery *discoveryNet
}

type command struct {
	summary string
	run     func(e *env, args []string) error
}

var commands = map[string]command{
	"keygen":  {"generate a signing key pair", runKeygen},
	"encode":  {"sign an identity record and print its QR text", runEncode},
	"decode":  {"verify QR text and print the identity as JSON", runDecode},
	"inspect": {"decode QR text without verification, for debugging", runInspect},
	"qr":      {"render QR text as a code and report its version", runQR},
	"photo":   {"fit a face photo into a byte budget as a JPEG", runPhoto},
	"batch":   {"sign many records (JSON lines or CSV) into QR text and PNG files", runBatch},
	"vectors": {"write the conformance vectors as JSON files, for other implementations", runVectors},

	"discover": {"find allow-listed issuers' keys (did:key, did:jwk, did:web, https) for decode --discover", runDiscover},
}

func main() {
	os.Exit(run(os.Args[1:], &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr,
		stdinTerminal: term.IsTerminal(int(os.Stdin.Fd()))}))
}

func run(args []string, e *env) int {
	if len(args) == 0 {
		fmt.Fprintln(e.stderr, "claim169: usage: no command given (see claim169 --help)")
		return exitUsage
	}
	switch args[0] {
	case "-h", "--help", "help":
		usage(e.stdout)
		return exitOK
	case "-version", "--version", "version":
		fmt.Fprintln(e.stdout, "claim169", version())
		return exitOK
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(e.stderr, "claim169: usage: unknown command %q (see claim169 --help)\n", args[0])
		return exitUsage
	}
	err := cmd.run(e, args[1:])
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		fmt.Fprintln(e.stderr, "claim169: "+oneLine(samePrefixOnce(err.Error())))
		return exitCode(err)
	}
	return exitOK
}

func usage(w io.Writer) {
	fmt.Fprint(w, "claim169 issues, verifies and inspects MOSIP Claim 169 identity QR codes.\n\nUsage:\n  claim169 <command> [flags]\n\nCommands:\n")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-8s %s\n", n, commands[n].summary)
	}
	fmt.Fprint(w, "\nRun 'claim169 <command> --help' for a command's flags and an example.\n"+
		"Exit codes: 0 ok, 1 usage or I/O, 2 malformed input, 3 verification failed,\n"+
		"4 outside validity, 5 decryption failed.\n")
}

func version() string {
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" {
		return info.Main.Version
	}
	return "(devel)"
}

// oneLine keeps an error message on one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", " ")), " ")
}

// samePrefixOnce removes the "claim169: " prefixes of the library's
// messages that stand after a stage's own prefix ("key: claim169: signing
// key: ..."): the command's line starts with it once.
func samePrefixOnce(s string) string {
	s = strings.TrimPrefix(s, "claim169: ")
	return strings.ReplaceAll(s, ": claim169: ", ": ")
}
