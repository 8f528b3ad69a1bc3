package record

import (
	"encoding/json"
	"fmt"
)

// jsonObject is an object or array being walked by checkMembers.
type jsonObject struct {
	array bool
	label string   // its member name when known, else ""
	names []string // member names so far, in order (objects)
	index map[string]int
}

// smallObject is how many members an object holds before checkMembers
// indexes their names in a map.
const smallObject = 32

// seen returns the 1-based position of an earlier member named name, or 0,
// and records name.
func (o *jsonObject) seen(name string) int {
	if o.index != nil {
		if at, ok := o.index[name]; ok {
			return at
		}
	} else {
		for i, n := range o.names {
			if n == name {
				return i + 1
			}
		}
	}
	o.names = append(o.names, name)
	if o.index == nil && len(o.names) > smallObject {
		o.index = make(map[string]int, 2*len(o.names))
		for i, n := range o.names {
			o.index[n] = i + 1
		}
	} else if o.index != nil {
		o.index[name] = len(o.names)
	}
	return 0
}

// checkMembers refuses a JSON text with an object that has the same member
// twice, which encoding/json would read as the last one silently: two
// "fullName", or a second "claim169" object replacing the first. The text
// must be valid JSON (checked before). The error names the member only
// when it is a name of the record's form, else by its position.
func checkMembers(data []byte) error {
	var stack []*jsonObject
	var member string // the last member name read, for the value after it
	key := false      // the next string is a member name
	for i := 0; i < len(data); i++ {
		switch c := data[i]; c {
		case '{', '[':
			label := ""
			if len(stack) > 0 {
				top := stack[len(stack)-1]
				if !top.array && knownNames()[member] {
					label = member
				} else if top.array {
					label = top.label
				}
			}
			stack = append(stack, &jsonObject{array: c == '[', label: label})
			key = c == '{'
		case '}', ']':
			stack = stack[:len(stack)-1]
		case ',':
			key = !stack[len(stack)-1].array
		case '"':
			end := stringEnd(data, i)
			if key {
				name := memberName(data[i : end+1])
				top := stack[len(stack)-1]
				if at := top.seen(name); at != 0 {
					return duplicate(top, len(stack), name, at)
				}
				member, key = name, false
			}
			i = end
		}
	}
	return nil
}

// stringEnd returns the index of the quote that closes the string whose
// opening quote is at data[i].
func stringEnd(data []byte, i int) int {
	for j := i + 1; j < len(data); j++ {
		switch data[j] {
		case '\\':
			j++
		case '"':
			return j
		}
	}
	return len(data) - 1 // not reached for valid JSON
}

// memberName returns the text of a JSON string, escapes undone.
func memberName(quoted []byte) string {
	for _, c := range quoted {
		if c == '\\' {
			var s string
			if json.Unmarshal(quoted, &s) == nil {
				return s
			}
			break
		}
	}
	return string(quoted[1 : len(quoted)-1])
}

// duplicate is the error for a member given twice in object o at depth
// depth (1 for the record itself).
func duplicate(o *jsonObject, depth int, name string, first int) error {
	where := "a nested object"
	switch {
	case depth == 1:
		where = "the record"
	case o.label != "":
		where = fmt.Sprintf("%q", o.label)
	}
	if knownNames()[name] {
		return fmt.Errorf("record: %s has the member %q twice", where, name)
	}
	return fmt.Errorf("record: %s has a member twice (members %d and %d)", where, first, len(o.names)+1)
}
