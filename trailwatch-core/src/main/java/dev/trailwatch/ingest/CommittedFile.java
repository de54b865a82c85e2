// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.ingest;

import dev.trailwatch.store.FileEntry;

/**
 * A file whose events are durably stored.
 *
 * @param eventsNew records stored for the first time
 * @param eventsDuplicate records already in the store (same recipient account and event key)
 */
public record CommittedFile(FileEntry file, int eventsNew, int eventsDuplicate) {}
