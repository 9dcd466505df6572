/**
 * AccelMR: accelerated MRI reconstruction. Core packages ({@code kspace}, {@code io}, {@code mask},
 * {@code linop}, {@code cs}, {@code nn}, {@code train}, {@code metrics}, {@code recon}, {@code progress}) never
 * import the adapter packages {@code commands}, {@code imagej} and {@code cli}.
 */
package org.accelmr;
