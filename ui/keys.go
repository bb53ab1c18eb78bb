package ui

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/list"
)

// keyMap is every key nnviz answers to. Update matches against it and the
// help line is rendered from it, so the two cannot drift apart.
type keyMap struct {
	Next, Forward, Backward, Update, Sample, Epoch  key.Binding
	Play, Faster, Slower                            key.Binding
	Up, Down, Left, Right                           key.Binding
	Back, Reset, Scenario, Open, Lesson, Help, Quit key.Binding
	// QuitFull is Quit as the full help names it, with ctrl+c.
	QuitFull key.Binding
	// Load, Close and Interrupt answer in the scenario picker, where q
	// closes it and only ctrl+c quits.
	Load, Close, Interrupt key.Binding
}

func defaultKeys() keyMap {
	return keyMap{
		Next: key.NewBinding(key.WithKeys("space", "n"),
			key.WithHelp("space/n", "next")),
		Forward: key.NewBinding(key.WithKeys("f"),
			key.WithHelp("f", "forward")),
		Backward: key.NewBinding(key.WithKeys("b"),
			key.WithHelp("b", "backward")),
		Update: key.NewBinding(key.WithKeys("u"),
			key.WithHelp("u", "update")),
		Sample: key.NewBinding(key.WithKeys("s"),
			key.WithHelp("s", "sample")),
		Epoch: key.NewBinding(key.WithKeys("e"),
			key.WithHelp("e", "epoch")),
		Play: key.NewBinding(key.WithKeys("p"),
			key.WithHelp("p", "play")),
		Faster: key.NewBinding(key.WithKeys("+", "="),
			key.WithHelp("+/=", "faster")),
		Slower: key.NewBinding(key.WithKeys("-"),
			key.WithHelp("-", "slower")),
		Up: key.NewBinding(key.WithKeys("up", "k"),
			key.WithHelp("↑/k", "neuron above")),
		Down: key.NewBinding(key.WithKeys("down", "j"),
			key.WithHelp("↓/j", "neuron below")),
		Left: key.NewBinding(key.WithKeys("left", "h"),
			key.WithHelp("←/h", "layer before")),
		Right: key.NewBinding(key.WithKeys("right", "l"),
			key.WithHelp("→/l", "layer after")),
		Back: key.NewBinding(key.WithKeys("backspace", "["),
			key.WithHelp("[/⌫", "step back")),
		Reset: key.NewBinding(key.WithKeys("r"),
			key.WithHelp("r", "reset")),
		Scenario: key.NewBinding(key.WithKeys("tab"),
			key.WithHelp("tab", "next scenario")),
		Open: key.NewBinding(key.WithKeys("o"),
			key.WithHelp("o", "open scenario")),
		Lesson: key.NewBinding(key.WithKeys("L"),
			key.WithHelp("L", "lesson")),
		Help: key.NewBinding(key.WithKeys("?"),
			key.WithHelp("?", "help")),
		Quit: key.NewBinding(key.WithKeys("q", "ctrl+c"),
			key.WithHelp("q", "quit")),
		QuitFull: key.NewBinding(key.WithKeys("q", "ctrl+c"),
			key.WithHelp("q/ctrl+c", "quit")),
		Load: key.NewBinding(key.WithKeys("enter"),
			key.WithHelp("enter", "load")),
		Close: key.NewBinding(key.WithKeys("esc", "q"),
			key.WithHelp("esc/q", "close")),
		Interrupt: key.NewBinding(key.WithKeys("ctrl+c"),
			key.WithHelp("ctrl+c", "quit")),
	}
}

// listKeys are the picker's list keys: the list's own, with help in
// nnviz's words. Enter, esc, q and ? are the top model's (Load, Close,
// Help), so the list's bindings for them are left without keys.
func listKeys() list.KeyMap {
	k := list.DefaultKeyMap()
	k.PrevPage.SetHelp("←/pgup", "page up")
	k.NextPage.SetHelp("→/pgdn", "page down")
	k.GoToStart.SetHelp("g/home", "first")
	k.GoToEnd.SetHelp("G/end", "last")
	k.CancelWhileFiltering.SetHelp("esc", "cancel filter")
	k.AcceptWhileFiltering = key.NewBinding(
		key.WithKeys("up", "down", "tab", "shift+tab", "ctrl+k", "ctrl+j"),
		key.WithHelp("↑/↓", "browse matches"))
	k.ClearFilter = key.NewBinding()
	k.ShowFullHelp = key.NewBinding()
	k.CloseFullHelp = key.NewBinding()
	return k
}

// ShortHelp is the one-line help under the panels. Open is left to the
// full help: at 80 columns this line is cut after play already.
func (k keyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Next, k.Forward, k.Backward, k.Update,
		k.Sample, k.Epoch, k.Play, k.Help, k.Quit}
}

// FullHelp is the help that ? opens, one column per group.
func (k keyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Next, k.Forward, k.Backward, k.Update, k.Sample, k.Epoch},
		{k.Play, k.Faster, k.Slower, k.Back, k.Reset},
		{k.Up, k.Down, k.Left, k.Right},
		{k.Scenario, k.Open, k.Lesson, k.Help, k.QuitFull},
	}
}
