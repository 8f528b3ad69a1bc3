package biometrics

import "errors"

// Errors of photo fitting, for the decisions callers make. Messages never
// contain image data.
var (
	// ErrBudget reports a photo that does not fit the byte budget even at
	// the smallest width and the lowest JPEG quality.
	ErrBudget = errors.New("biometrics: photo does not fit the byte budget")
	// ErrImageTooLarge reports an input over MaxPhotoInputBytes or
	// MaxPhotoPixels; the pixel count is checked from the image header,
	// before decoding.
	ErrImageTooLarge = errors.New("biometrics: image too large")
	// ErrImageFormat reports input that is not a JPEG, PNG, GIF or WebP
	// image, or that does not decode.
	ErrImageFormat = errors.New("biometrics: not a decodable JPEG, PNG, GIF or WebP image")
	// ErrPhotoOptions reports PhotoOptions out of range.
	ErrPhotoOptions = errors.New("biometrics: invalid photo options")
)
