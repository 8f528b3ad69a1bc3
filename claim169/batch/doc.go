// Package batch issues many Claim 169 credentials in parallel: [Encode]
// reads items (records, or their JSON) from a channel, encodes them with a
// claim169.Encoder on several workers, and delivers one [Result] per item,
// in input order or as they are ready. A bad record fails alone. Memory is
// bounded by a small window of items per worker, and cancelling the
// context stops the batch without leaving a goroutine behind.
//
// The claim169 command's batch subcommand is built on it; a service can use
// it the same way, doing per-record work such as rendering and saving the
// QR code in [Options].Finish so that it runs in parallel too.
package batch
