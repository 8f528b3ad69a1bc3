package render

import "errors"

// ErrModuleSize reports a module size outside 0..MaxModuleSize. The other
// errors of [New] are those of package qr's planning: qr.ErrNotAlphanumeric,
// qr.ErrNotUTF8, qr.ErrEmpty, qr.ErrTooLong and qr.ErrLevel.
var ErrModuleSize = errors.New("render: invalid module size")
