// SPDX-License-Identifier: Apache-2.0
/** The embedded DuckDB store: one file holding events, the files ledger, problems and raw file bytes. */
@NullMarked
package dev.trailwatch.store.duckdb;

import org.jspecify.annotations.NullMarked;
