package magic

// isMP3 reports an ID3v2 tag or MPEG audio Layer III frames.
func isMP3(data []byte) bool {
	if len(data) >= 10 && string(data[:3]) == "ID3" {
		// Major version 2 to 4, a revision, flags, and a syncsafe size
		// whose bytes keep their top bit clear.
		return data[3] >= 2 && data[3] <= 4 && data[4] != 0xff &&
			data[6]|data[7]|data[8]|data[9] < 0x80
	}
	n, ok := mpegFrameLength(data)
	if !ok || len(data) < n {
		return false
	}
	if len(data) >= n+4 {
		_, ok = mpegFrameLength(data[n:])
	}
	return ok
}

// Layer III bit rates in kbit/s by bitrate index, and sample rates in Hz by
// sampling index, for MPEG-1 and for MPEG-2 and 2.5 (ISO/IEC 11172-3
// §2.4.2.3, ISO/IEC 13818-3 §2.4.2.3).
var (
	mpeg1Layer3Rates = [15]int{0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320}
	mpeg2Layer3Rates = [15]int{0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160}
	mpegSampleRates  = [4][3]int{
		{11025, 12000, 8000},  // MPEG-2.5
		{},                    // reserved
		{22050, 24000, 16000}, // MPEG-2
		{44100, 48000, 32000}, // MPEG-1
	}
)

// mpegFrameLength parses an MPEG audio Layer III frame header and returns
// the frame's length in bytes. Free-format bit rates, reserved values and
// other layers are refused.
func mpegFrameLength(h []byte) (int, bool) {
	if len(h) < 4 || h[0] != 0xff || h[1]&0xe0 != 0xe0 {
		return 0, false
	}
	version := h[1] >> 3 & 3
	layer := h[1] >> 1 & 3
	rate := h[2] >> 4
	sampling := h[2] >> 2 & 3
	padding := int(h[2] >> 1 & 1)
	if version == 1 || layer != 1 || rate == 0 || rate == 15 || sampling == 3 || h[3]&3 == 2 {
		return 0, false
	}
	sampleRate := mpegSampleRates[version][sampling]
	if version == 3 {
		return 144*1000*mpeg1Layer3Rates[rate]/sampleRate + padding, true
	}
	return 72*1000*mpeg2Layer3Rates[rate]/sampleRate + padding, true
}
