package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"nnviz/network"
)

// The maths panel: for the selected neuron, the formulas of each phase
// that has run, with the numbers of the current sample substituted.

// mathView is what the maths panel draws from.
type mathView struct {
	tr         *network.Trainer
	inputs     []string
	selL, selJ int
}

// title names the selected neuron: "h2 · layer 1, neuron 2".
func (v mathView) title() string {
	n := v.tr.Net
	return fmt.Sprintf("%s · layer %d, neuron %d", neuronName(n, v.inputs, v.selL, v.selJ),
		v.selL+1, v.selJ+1)
}

// sections returns the formula blocks of the phases that have run for the
// selected neuron, in phase order, each block a title line and its lines.
// The last element is the block of the most recent phase.
func (v mathView) sections(st styles, w int) [][]string {
	tr, n := v.tr, v.tr.Net
	l, j := v.selL, v.selJ
	layer, lt := n.Layers[l], tr.Trace().Layers[l]
	trace := tr.Trace()
	in := v.inValues()
	var out [][]string

	if tr.Done(network.Step{Phase: network.Forward, Layer: l}) {
		terms := make([]string, 0, layer.In+1)
		for k := range layer.In {
			terms = append(terms, paren(v.weight(l, j, k))+"·"+paren(in[k]))
		}
		terms = append(terms, paren(v.bias(l, j)))
		s := []string{st.Bold.Render("forward") + st.Header.Render("  z = Σ w·a + b,  a = f(z)")}
		s = append(s, wrapTerms("  z = ", terms, " + ", w)...)
		s = append(s, "    = "+short(lt.Z[j]),
			"  a = "+layer.Act.Name()+"(z) = "+short(lt.A[j]))
		out = append(out, s)
	}

	last := l == len(n.Layers)-1
	if last && tr.Done(network.Step{Phase: network.LossCalc}) {
		out = append(out, []string{
			st.Bold.Render("loss") + st.Header.Render("  "+n.Loss.Formula()),
			fmt.Sprintf("  ŷ = %s, y = %s   L = %s",
				short(lt.A[j]), short(trace.Y[j]), short(trace.Loss)),
		})
	}

	if tr.Done(network.Step{Phase: network.Backward, Layer: l}) {
		out = append(out, v.backward(st, w, in))
	}

	if tr.Done(network.Step{Phase: network.Update}) {
		out = append(out, v.update(st, w))
	}
	return out
}

// weight returns W[l][j][k] as the current sample's forward and backward
// passes used it: from before the update once the update has run.
func (v mathView) weight(l, j, k int) float64 {
	layer := v.tr.Net.Layers[l]
	return v.param(layer.Offset + j*layer.In + k)
}

// bias returns b[l][j] as the current sample's passes used it.
func (v mathView) bias(l, j int) float64 {
	layer := v.tr.Net.Layers[l]
	return v.param(layer.Offset + layer.Out*layer.In + j)
}

func (v mathView) param(i int) float64 {
	if v.tr.Done(network.Step{Phase: network.Update}) {
		return v.tr.Trace().Before[i]
	}
	return v.tr.Net.Params[i]
}

// inValues returns the activations feeding the selected layer.
func (v mathView) inValues() []float64 {
	if v.selL == 0 {
		return v.tr.Trace().X
	}
	return v.tr.Trace().Layers[v.selL-1].A
}

func (v mathView) backward(st styles, w int, in []float64) []string {
	n, trace := v.tr.Net, v.tr.Trace()
	l, j := v.selL, v.selJ
	layer, lt := n.Layers[l], trace.Layers[l]
	var s []string

	switch {
	case l == len(n.Layers)-1 && network.DeltaIsError(layer.Act, n.Loss):
		why := "(σ'(z) = a(1−a) cancels the loss's 1/(a(1−a)))"
		k := ""
		if layer.Act == network.Softmax {
			why = "(the softmax Jacobian turns −y/ŷ into ŷ − y)"
		} else if layer.Out > 1 {
			k = fmt.Sprintf(" / %d", layer.Out)
		}
		s = append(s, st.Bold.Render("backward")+st.Header.Render("  δ = ŷ − y"+k),
			st.Header.Render("  "+why))
		s = append(s, fmt.Sprintf("  δ = (%s − %s)%s = %s",
			short(lt.A[j]), short(trace.Y[j]), k, short(lt.Delta[j])))
	case l == len(n.Layers)-1 && layer.Act == network.Softmax:
		s = append(s, st.Bold.Render("backward")+st.Header.Render("  δ = J_softmaxᵀ·∂L/∂ŷ"),
			st.Header.Render("  "+n.Loss.GradientFormula()+" = ")+short(trace.DLossDA[j]),
			st.Header.Render("  δ_i = ŷ_i·(∂L/∂ŷ_i − Σ_k ∂L/∂ŷ_k·ŷ_k)"),
			"  δ = "+short(lt.Delta[j]))
	case l == len(n.Layers)-1:
		fz := layer.Act.Derivative(lt.Z[j], lt.A[j])
		k := ""
		if layer.Out > 1 {
			k = fmt.Sprintf(", over %d outputs: /%d", layer.Out, layer.Out)
		}
		s = append(s, st.Bold.Render("backward")+st.Header.Render("  δ = ∂L/∂ŷ · f'(z)"),
			st.Header.Render("  "+n.Loss.GradientFormula()+k+" = ")+short(trace.DLossDA[j]),
			st.Header.Render("  "+layer.Act.DerivativeFormula()),
			fmt.Sprintf("  δ = %s·%s = %s",
				paren(trace.DLossDA[j]), paren(fz), short(lt.Delta[j])))
	default:
		fz := layer.Act.Derivative(lt.Z[j], lt.A[j])
		next, nt := n.Layers[l+1], trace.Layers[l+1]
		terms := make([]string, next.Out)
		for k := range next.Out {
			terms[k] = paren(v.weight(l+1, k, j)) + "·" + paren(nt.Delta[k])
		}
		s = append(s, st.Bold.Render("backward")+st.Header.Render("  δ = (Σ wₖ·δₖ)·f'(z)"),
			st.Header.Render("  "+layer.Act.DerivativeFormula()))
		s = append(s, wrapTerms("  δ = (", terms, " + ", w)...)
		s[len(s)-1] += fmt.Sprintf(")·%s", paren(fz))
		s = append(s, "    = "+short(lt.Delta[j]))
	}

	s = append(s, st.Header.Render("  ∂L/∂w = δ·a,  ∂L/∂b = δ"))
	grads := make([]string, 0, len(in)+1)
	row := lt.GradW.RawRowView(j)
	for k := range in {
		grads = append(grads, fmt.Sprintf("%s %s",
			neuronName(n, v.inputs, l-1, k), short(row[k])))
	}
	grads = append(grads, "b "+short(lt.GradB[j]))
	return append(s, wrapTerms("  ", grads, "  ", w)...)
}

func (v mathView) update(st styles, w int) []string {
	tr, n := v.tr, v.tr.Net
	trace := tr.Trace()
	l, j := v.selL, v.selJ
	layer := n.Layers[l]
	opt := tr.Opt
	head := fmt.Sprintf("η %s", compact(opt.LearningRate()))
	if trace.BatchSize > 1 {
		head += fmt.Sprintf(", ∂L/∂w: mean of %d", trace.BatchSize)
	}
	s := []string{st.Bold.Render("update") + st.Header.Render("  "+head)}
	// the rule on one line if it fits, else a clause per line
	rule := []string{"  " + opt.Rule()}
	if ansi.StringWidth(rule[0]) > w {
		rule = strings.Split(rule[0], ";  ")
		for i := 1; i < len(rule); i++ {
			rule[i] = "  " + rule[i]
		}
	}
	for _, line := range rule {
		s = append(s, st.Header.Render(line))
	}

	// the parameters of neuron j: its weights, then its bias
	idx := make([]int, 0, layer.In+1)
	for k := range layer.In {
		idx = append(idx, layer.Offset+j*layer.In+k)
	}
	idx = append(idx, layer.Offset+layer.Out*layer.In+j)
	_, sgd := opt.(*network.SGD)
	for i, p := range idx {
		name := "b"
		if i < layer.In {
			name = "w·" + neuronName(n, v.inputs, l-1, i)
		}
		before, after := trace.Before[p], trace.After[p]
		if sgd {
			s = append(s, fmt.Sprintf(" %-5s %s − %s·%s = %s", name, short(before),
				compact(opt.LearningRate()), paren(trace.Mean[p]), short(after)))
		} else {
			s = append(s, fmt.Sprintf(" %-5s %s → %s  Δ %s", name,
				short(before), short(after), short(after-before)))
		}
	}
	return s
}

// wrapTerms joins terms with sep after prefix, breaking lines at terms so
// that none passes w columns; continuation lines are indented.
func wrapTerms(prefix string, terms []string, sep string, w int) []string {
	indent := strings.Repeat(" ", ansi.StringWidth(prefix))
	var lines []string
	line := prefix
	for i, t := range terms {
		piece := t
		if i > 0 {
			piece = strings.TrimLeft(sep, " ") + t
			if ansi.StringWidth(line)+ansi.StringWidth(sep)+ansi.StringWidth(t) > w {
				lines = append(lines, strings.TrimRight(line, " "))
				line = indent + piece
				continue
			}
			piece = sep + t
		}
		line += piece
	}
	return append(lines, line)
}

// fit returns the blocks that fit in h lines: the most recent always, then
// earlier ones while there is room, kept in phase order.
func fit(blocks [][]string, h int) []string {
	if len(blocks) == 0 {
		return nil
	}
	first := len(blocks) - 1
	used := len(blocks[first])
	for first > 0 && used+len(blocks[first-1]) <= h {
		first--
		used += len(blocks[first])
	}
	var out []string
	for _, b := range blocks[first:] {
		out = append(out, b...)
	}
	if len(out) > h {
		out = out[:h]
	}
	return out
}
