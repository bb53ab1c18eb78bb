package scenarios

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
)

// Reading a scenario file's TOML or JSON, with errors that name the file,
// the line and the key.

// specFile is a scenario file being read, kept for its error messages.
type specFile struct {
	path string
	data []byte
	toml bool
}

// errorf returns an error naming the file and, when it can be found, the
// line that sets key ("epochs" or "training.epochs").
func (sf *specFile) errorf(key, format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	if line := sf.keyLine(key); line > 0 {
		return fmt.Errorf("%s:%d: %s", sf.path, line, msg)
	}
	return fmt.Errorf("%s: %s", sf.path, msg)
}

// keyLine returns the line that sets key, or 0. It looks for the key's
// last part at the start of a line (TOML, after its table's header) or
// quoted and followed by a colon (JSON); it is a hint, not a parser.
func (sf *specFile) keyLine(key string) int {
	table, name, dotted := strings.Cut(key, ".")
	if !dotted {
		table, name = "", key
	}
	set := regexp.MustCompile(`"` + regexp.QuoteMeta(name) + `"\s*:`)
	if sf.toml {
		set = regexp.MustCompile(`^\s*"?` + regexp.QuoteMeta(name) + `"?\s*=`)
	}
	head := regexp.MustCompile(`^\s*\[\s*` + regexp.QuoteMeta(table) + `\s*\]`)
	if sf.toml && !dotted {
		// a key may also be a table of its own
		set = regexp.MustCompile(`^\s*("?` + regexp.QuoteMeta(name) +
			`"?\s*=|\[\s*` + regexp.QuoteMeta(name) + `\s*\])`)
	}
	inTable := !sf.toml || table == ""
	for i, line := range strings.Split(string(sf.data), "\n") {
		if inTable && set.MatchString(line) {
			return i + 1
		}
		if sf.toml && strings.HasPrefix(strings.TrimSpace(line), "[") {
			inTable = table != "" && head.MatchString(line)
		}
	}
	return 0
}

// lineAt returns the line of byte offset off of the file.
func (sf *specFile) lineAt(off int64) int {
	off = min(max(off, 0), int64(len(sf.data)))
	return bytes.Count(sf.data[:off], []byte("\n")) + 1
}

var tomlLine = regexp.MustCompile(`^toml: line (\d+) \(last key "(.*)"\): `)

// decodeTOML decodes the file into f, rejecting keys f does not have.
func (sf *specFile) decodeTOML(f *fileSpec) error {
	md, err := toml.Decode(string(sf.data), f)
	var pe toml.ParseError
	switch {
	case errors.As(err, &pe):
		return fmt.Errorf("%s:%d: %s", sf.path, pe.Position.Line, pe.Message)
	case err != nil:
		msg := err.Error()
		if m := tomlLine.FindStringSubmatch(msg); m != nil {
			return fmt.Errorf("%s:%s: %s: %s", sf.path, m[1], m[2],
				msg[len(m[0]):])
		}
		return fmt.Errorf("%s: %s", sf.path, strings.TrimPrefix(msg, "toml: "))
	}
	if keys := md.Undecoded(); len(keys) > 0 {
		return sf.unknownKey(keys[0])
	}
	return nil
}

// unknownKey returns the error for a key a scenario file may not hold,
// listing the keys accepted where it stands.
func (sf *specFile) unknownKey(key []string) error {
	where, accepted := "", acceptedKeys(reflect.TypeFor[fileSpec]())
	if len(key) > 1 {
		switch key[0] {
		case "network":
			where = " in [network]"
			accepted = acceptedKeys(reflect.TypeFor[networkSpec]())
		case "training":
			where = " in [training]"
			accepted = acceptedKeys(reflect.TypeFor[trainingSpec]())
		}
	}
	name := strings.Join(key, ".")
	return sf.errorf(name, "unknown key %q%s (accepted: %s)", name, where,
		strings.Join(accepted, ", "))
}

// acceptedKeys lists the keys of a spec struct, from its tags.
func acceptedKeys(t reflect.Type) []string {
	keys := make([]string, t.NumField())
	for i := range keys {
		keys[i] = t.Field(i).Tag.Get("toml")
	}
	return keys
}

// decodeJSON decodes the file into f, rejecting keys f does not have and
// anything after the object.
func (sf *specFile) decodeJSON(f *fileSpec) error {
	dec := json.NewDecoder(bytes.NewReader(sf.data))
	dec.DisallowUnknownFields()
	err := dec.Decode(f)
	if err == nil {
		if _, err := dec.Token(); err != io.EOF {
			return fmt.Errorf("%s:%d: more after the closing }", sf.path,
				sf.lineAt(dec.InputOffset()))
		}
		return nil
	}
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case err == io.EOF:
		return fmt.Errorf("%s: the file is empty", sf.path)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("%s:%d: the file ends inside the object", sf.path,
			sf.lineAt(int64(len(sf.data))))
	case errors.As(err, &syn):
		return fmt.Errorf("%s:%d: %s", sf.path, sf.lineAt(syn.Offset),
			strings.TrimPrefix(syn.Error(), "json: "))
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			field = "the file"
		}
		return fmt.Errorf("%s:%d: %s is a JSON %s; want %s", sf.path,
			sf.lineAt(typ.Offset), field, typ.Value, kindWord(typ.Type))
	}
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		name, _ = strconv.Unquote(name)
		return sf.unknownKey(sf.jsonKey(name))
	}
	return fmt.Errorf("%s: %w", sf.path, err)
}

// jsonKey returns the path to the key called name: in the top object, or
// in "network" or "training".
func (sf *specFile) jsonKey(name string) []string {
	var top map[string]any
	if json.Unmarshal(sf.data, &top) == nil {
		if _, ok := top[name]; !ok {
			for _, table := range []string{"network", "training"} {
				if m, ok := top[table].(map[string]any); ok {
					if _, ok := m[name]; ok {
						return []string{table, name}
					}
				}
			}
		}
	}
	return []string{name}
}

// kindWord says in words what a value of type t is.
func kindWord(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Int, reflect.Int64:
		return "a whole number"
	case reflect.Float64:
		return "a number"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice:
		return "a list"
	case reflect.Struct, reflect.Map:
		return "an object"
	}
	return t.String()
}

// noFile is the error for a file that does not exist: "path: no such
// file". It is an fs.ErrNotExist.
type noFile string

func (e noFile) Error() string        { return string(e) + ": no such file" }
func (e noFile) Is(target error) bool { return target == fs.ErrNotExist }

// readLimited reads the file at path, which must not be larger than
// maxDataBytes.
func readLimited(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, noFile(path)
		}
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxDataBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(data) > maxDataBytes {
		return nil, fmt.Errorf("%s: larger than %d MiB", path, maxDataBytes>>20)
	}
	return data, nil
}
