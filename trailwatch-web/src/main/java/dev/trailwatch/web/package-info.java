// SPDX-License-Identifier: Apache-2.0
/** The web dashboard and its JSON API: Javalin routes over the store; every event value is escaped by the page. */
@NullMarked
package dev.trailwatch.web;

import org.jspecify.annotations.NullMarked;
