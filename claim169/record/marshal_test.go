package record_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/claim169/record"
)

var errUnwritable = errors.New("unwritable member")

type unwritable struct{}

func (unwritable) MarshalJSON() ([]byte, error) { return nil, errUnwritable }

func TestMarshalIndentsWithoutHTMLEscaping(t *testing.T) {
	data, err := record.Marshal(map[string]string{"name": "<A & B>"})
	require.NoError(t, err)
	assert.Equal(t, "{\n  \"name\": \"<A & B>\"\n}\n", string(data))
}

func TestMarshalReturnsTheMarshalersOwnError(t *testing.T) {
	data, err := record.Marshal(struct{ V unwritable }{})
	assert.Nil(t, data)
	require.ErrorIs(t, err, errUnwritable)
	var me *json.MarshalerError
	assert.False(t, errors.As(err, &me), "without encoding/json's wrapper")
}
