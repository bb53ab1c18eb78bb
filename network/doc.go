// Package network is the engine of nnviz: a dense multilayer perceptron
// whose training can be stopped after any phase of a step, so that every
// number the textbook formulas produce can be read and shown.
//
// Conventions, shared with the UI and the README: layer ℓ has weights W[ℓ]
// (out × in), bias b[ℓ] and activation f[ℓ]; a[0] is the input x.
//
//	forward   z[ℓ] = W[ℓ]·a[ℓ−1] + b[ℓ],   a[ℓ] = f[ℓ](z[ℓ])
//	backward  δ[last] = ∂L/∂a ⊙ f'(z[last])
//	          δ[ℓ] = (W[ℓ+1]ᵀ·δ[ℓ+1]) ⊙ f'(z[ℓ])
//	          ∂L/∂W[ℓ] = δ[ℓ]·a[ℓ−1]ᵀ,   ∂L/∂b[ℓ] = δ[ℓ]
//	update    w ← w + Δw, with Δw from the optimizer (SGD: −η·∂L/∂w)
//
// A batch's loss and gradient are means over its samples. In code the
// layers are indexed from 0, so Layers[0] holds W[1]; anything shown to a
// learner counts from 1.
//
// The package never prints and imports nothing from the UI. Shape
// mismatches are programmer errors and panic with a "network: " message;
// names given by a user (an activation, a loss, an optimizer) return errors.
package network
