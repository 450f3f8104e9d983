/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-report-error"

#include "config.h"

#include "kes-report-error.h"

G_DEFINE_QUARK (kes-report-error-quark, kes_report_error)
