/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-plan-item-row"

#include "config.h"

#include <glib/gi18n.h>

#include "community/kes-plan-item-row.h"
#include "kes-app-util.h"
#include "kes-validate.h"

struct _KesPlanItemRow
{
  GtkBox       parent_instance;

  GtkLabel    *title_label;
  GtkButton   *remove_button;
  AdwEntryRow *need_row;
  AdwEntryRow *intervention_row;
  AdwEntryRow *who_row;
  AdwEntryRow *by_when_row;
};

G_DEFINE_FINAL_TYPE (KesPlanItemRow, kes_plan_item_row, GTK_TYPE_BOX)

enum
{
  CHANGED,
  REMOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_handle (GtkWidget  *widget,
            const char *what,
            guint       number)
{
  g_autofree char *handle = g_strdup_printf ("plan-item-%s-%u", what, number);

  kes_widget_set_handle (widget, handle);
}

static void
entry_changed_cb (KesPlanItemRow *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
remove_clicked_cb (KesPlanItemRow *self)
{
  g_signal_emit (self, signals[REMOVE], 0);
}

static void
kes_plan_item_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KES_TYPE_PLAN_ITEM_ROW);
  G_OBJECT_CLASS (kes_plan_item_row_parent_class)->dispose (object);
}

static void
kes_plan_item_row_class_init (KesPlanItemRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kes_plan_item_row_dispose;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                   NULL, G_TYPE_NONE, 0);
  signals[REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                  NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/community/kes-plan-item-row.ui");
  gtk_widget_class_bind_template_child (widget_class, KesPlanItemRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, KesPlanItemRow, remove_button);
  gtk_widget_class_bind_template_child (widget_class, KesPlanItemRow, need_row);
  gtk_widget_class_bind_template_child (widget_class, KesPlanItemRow, intervention_row);
  gtk_widget_class_bind_template_child (widget_class, KesPlanItemRow, who_row);
  gtk_widget_class_bind_template_child (widget_class, KesPlanItemRow, by_when_row);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, remove_clicked_cb);
}

static void
kes_plan_item_row_init (KesPlanItemRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

KesPlanItemRow *
kes_plan_item_row_new (void)
{
  return g_object_new (KES_TYPE_PLAN_ITEM_ROW, NULL);
}

void
kes_plan_item_row_set_number (KesPlanItemRow *self,
                              guint           number)
{
  /* TRANSLATORS: the heading of a line of the care plan */
  g_autofree char *title = g_strdup_printf (_("Need %u"), number);
  /* TRANSLATORS: the button that removes a line of the care plan */
  g_autofree char *remove = g_strdup_printf (_("Remove need %u"), number);

  g_return_if_fail (KES_IS_PLAN_ITEM_ROW (self));
  gtk_label_set_text (self->title_label, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove_button), GTK_ACCESSIBLE_PROPERTY_LABEL, remove, -1);
  set_handle (GTK_WIDGET (self->need_row), "need", number);
  set_handle (GTK_WIDGET (self->intervention_row), "intervention", number);
  set_handle (GTK_WIDGET (self->who_row), "who", number);
  set_handle (GTK_WIDGET (self->by_when_row), "by-when", number);
  set_handle (GTK_WIDGET (self->remove_button), "remove", number);
}

void
kes_plan_item_row_set_item (KesPlanItemRow    *self,
                            const KesPlanItem *item)
{
  g_autofree char *by_when = NULL;

  g_return_if_fail (KES_IS_PLAN_ITEM_ROW (self));
  g_return_if_fail (item != NULL);
  by_when = kes_date_to_typed (item->by_when);
  gtk_editable_set_text (GTK_EDITABLE (self->need_row), item->need);
  gtk_editable_set_text (GTK_EDITABLE (self->intervention_row), item->intervention);
  gtk_editable_set_text (GTK_EDITABLE (self->who_row), item->who);
  gtk_editable_set_text (GTK_EDITABLE (self->by_when_row), by_when);
}

KesPlanItem *
kes_plan_item_row_dup_item (KesPlanItemRow *self)
{
  g_return_val_if_fail (KES_IS_PLAN_ITEM_ROW (self), NULL);
  /* As typed: core trims and normalises, and a failed save keeps this. */
  return kes_plan_item_new (gtk_editable_get_text (GTK_EDITABLE (self->need_row)),
                            gtk_editable_get_text (GTK_EDITABLE (self->intervention_row)),
                            gtk_editable_get_text (GTK_EDITABLE (self->who_row)),
                            gtk_editable_get_text (GTK_EDITABLE (self->by_when_row)));
}

void
kes_plan_item_row_set_error (KesPlanItemRow *self,
                             gboolean        error)
{
  GtkWidget *rows[] = { GTK_WIDGET (self->need_row), GTK_WIDGET (self->intervention_row),
                        GTK_WIDGET (self->who_row), GTK_WIDGET (self->by_when_row) };

  g_return_if_fail (KES_IS_PLAN_ITEM_ROW (self));
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      const char *text = gtk_editable_get_text (GTK_EDITABLE (rows[i]));

      /* Only the empty entries of a line with a problem: the date is
       * marked by core's message, which names it. */
      if (error && *text == '\0')
        gtk_widget_add_css_class (rows[i], "error");
      else
        gtk_widget_remove_css_class (rows[i], "error");
    }
}
