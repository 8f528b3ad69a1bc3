package claim169

// The helpers of this package's tests that its external tests (package
// claim169_test) share: the outer stages of a hand-built credential.
var (
	QRText    = qrText
	QRMessage = qrMessage
)
