package photo

import "errors"

// Errors of photo fitting, for the decisions callers make. Messages never
// contain image data.
var (
	// ErrBudget reports a picture that does not fit the byte budget even at
	// the smallest width and the lowest JPEG quality.
	ErrBudget = errors.New("photo: picture does not fit the byte budget")
	// ErrTooLarge reports an input over MaxInputBytes or MaxPixels, or one
	// whose decoding would take more memory or JPEG scans than the image
	// decoder allows; all are checked from the image header, before
	// decoding.
	ErrTooLarge = errors.New("photo: image too large")
	// ErrImage reports input that is not a JPEG, PNG, GIF or WebP image,
	// that does not decode, or that has no pixels.
	ErrImage = errors.New("photo: cannot decode the image")
	// ErrOptions reports Options out of range.
	ErrOptions = errors.New("photo: invalid options")
)
