// Package layout holds no code. Its test guards the shape of the module's
// import graph, read with `go list`: the stage packages (base45, cwt, cose,
// cose/keys, biometrics, qr) and the facade (claim169, claim169/trust) link
// no QR renderer or reader and no image or text-encoding stack; a stage
// imports no other stage and not the facade, bar the sub-packages that
// build on their own stage; the facade imports neither the renderer, the
// reader nor photo fitting; and internal packages import no stage.
package layout
