// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.store;

/**
 * The outcome of committing one file.
 *
 * @param eventsNew records stored for the first time
 * @param eventsDuplicate records already in the store (same recipient account and event key)
 */
public record CommittedFile(FileEntry file, int eventsNew, int eventsDuplicate) {}
