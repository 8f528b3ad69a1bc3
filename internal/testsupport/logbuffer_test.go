package testsupport

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestListeningURL(t *testing.T) {
	var logs LogBuffer
	go fmt.Fprintf(&logs, "2026/01/01 service: listening on 127.0.0.1:8169\n")
	assert.Equal(t, "http://127.0.0.1:8169", logs.ListeningURL(t))
}
