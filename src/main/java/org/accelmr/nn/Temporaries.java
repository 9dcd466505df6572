package org.accelmr.nn;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

/**
 * Runs a computation whose intermediate arrays nothing needs afterwards (no gradients are recorded) in a scratch
 * manager that keeps only its result, so its temporaries are freed when it ends instead of when the whole forward
 * pass does: the inputs are lent to the scratch manager (each array once) and return to theirs, the outputs are
 * attached to the manager of the first input. Why: a 15-coil 640x368 slice's forward pass kept every cascade's and
 * transform's temporaries until the end and peaked at 2.8 GB.
 */
final class Temporaries {

	private Temporaries() {}

	/** {@code compute}'s outputs, its temporaries freed. */
	static NDList freed(final Collection<NDArray> inputs, final Supplier<NDList> compute) {
		final NDManager parent = inputs.iterator().next().getManager();
		try (NDManager scratch = parent.newSubManager()) {
			final Set<NDArray> lent = Collections.newSetFromMap(new IdentityHashMap<>());
			lent.addAll(inputs);
			lent.forEach(a -> a.tempAttach(scratch));
			final NDList out = compute.get();
			out.attach(parent);
			return out;
		}
	}

	/** As {@link #freed(Collection, Supplier)} for complex inputs and result. */
	static ComplexTensor freed(final Supplier<ComplexTensor> compute, final ComplexTensor... inputs) {
		final List<NDArray> arrays = new ArrayList<>(2 * inputs.length);
		for (final ComplexTensor t : inputs) {
			arrays.add(t.re());
			arrays.add(t.im());
		}
		final NDList out = freed(arrays, () -> compute.get().toList());
		return new ComplexTensor(out.get(0), out.get(1));
	}
}
