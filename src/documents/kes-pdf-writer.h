/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kes-document.h"

G_BEGIN_DECLS

/* A4 PDF of @document: the protective marking at the top and foot of every
 * page, the patient's name, NHS number and date of birth and "Page N of M"
 * on every page, metadata (title, author, subject, creator, creation date
 * from the document) and a bookmark for every heading. The same document
 * gives the same bytes. Safe to call from a worker thread. */
GBytes   *kes_pdf_render_bytes (KesDocument   *document,
                                GCancellable  *cancellable,
                                GError       **error);

/* Renders into a temporary file beside @path and renames it into place. */
gboolean  kes_pdf_write_file   (KesDocument   *document,
                                const char    *path,
                                GCancellable  *cancellable,
                                GError       **error);

G_END_DECLS
