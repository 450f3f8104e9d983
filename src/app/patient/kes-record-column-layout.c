/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-record-column-layout"

#include "config.h"

#include "patient/kes-record-column-layout.h"

/* Why a layout of its own: a box gives every child its natural height
 * before the expanding one gets the rest, and a tab's scrolled content asks
 * for little, so a tall header always won (a fixed max-content-height on
 * the header cannot follow the window's height). Here the cap is a share
 * of the height actually allocated. */

struct _KesRecordColumnLayout
{
  GtkLayoutManager parent_instance;

  GtkWidget       *shares_with;    /* not owned: a child of the column */
  int              header_height;
};

G_DEFINE_FINAL_TYPE (KesRecordColumnLayout, kes_record_column_layout, GTK_TYPE_LAYOUT_MANAGER)

static void
kes_record_column_layout_measure (GtkLayoutManager *manager,
                                  GtkWidget        *widget,
                                  GtkOrientation    orientation,
                                  int               for_size,
                                  int              *minimum,
                                  int              *natural,
                                  int              *minimum_baseline,
                                  int              *natural_baseline)
{
  int min = 0, nat = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_min = 0, child_nat = 0;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, orientation, orientation == GTK_ORIENTATION_VERTICAL ? for_size : -1,
                          &child_min, &child_nat, NULL, NULL);
      if (orientation == GTK_ORIENTATION_VERTICAL)
        {
          min += child_min;
          nat += child_nat;
        }
      else
        {
          min = MAX (min, child_min);
          nat = MAX (nat, child_nat);
        }
    }
  *minimum = min;
  *natural = nat;
  *minimum_baseline = -1;
  *natural_baseline = -1;
}

static void
kes_record_column_layout_allocate (GtkLayoutManager *manager,
                                   GtkWidget        *widget,
                                   int               width,
                                   int               height,
                                   int               baseline)
{
  KesRecordColumnLayout *self = KES_RECORD_COLUMN_LAYOUT (manager);
  GtkWidget *header = NULL, *last = NULL;
  int header_min = 0, header_nat = 0, middle = 0, last_min = 0, share, y = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_should_layout (child))
      {
        if (header == NULL)
          header = child;
        last = child;
      }
  if (header == NULL)
    return;

  gtk_widget_measure (header, GTK_ORIENTATION_VERTICAL, width, &header_min, &header_nat, NULL, NULL);
  /* GTK 4.8's scrolled window asks its child for the height of its natural
   * width (one line of a wrapping name), not of the width it is given. */
  if (GTK_IS_SCROLLED_WINDOW (header) && gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (header)) != NULL)
    {
      int content_nat = 0;

      gtk_widget_measure (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (header)), GTK_ORIENTATION_VERTICAL,
                          width, NULL, &content_nat, NULL, NULL);
      header_nat = MAX (header_nat, content_nat);
    }
  for (GtkWidget *child = gtk_widget_get_next_sibling (header); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_min = 0, child_nat = 0;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, &child_min, &child_nat, NULL, NULL);
      if (child == last)
        last_min = child_min;
      else
        middle += child_nat;
    }

  /* The header's natural height, within its share (less what the widget
   * sharing it takes, down to a floor that keeps the header's first lines);
   * never less than its minimum, and giving way first when the content would
   * go below its own. */
  share = (int) (height * KES_RECORD_HEADER_SHARE);
  if (self->shares_with != NULL && gtk_widget_should_layout (self->shares_with))
    {
      int shared_nat = 0;

      gtk_widget_measure (self->shares_with, GTK_ORIENTATION_VERTICAL, width, NULL, &shared_nat, NULL, NULL);
      share = MAX (share - shared_nat, (int) (height * KES_RECORD_HEADER_FLOOR));
    }
  self->header_height = MIN (header_nat, MAX (header_min, share));
  self->header_height = MAX (header_min, MIN (self->header_height, height - middle - last_min));

  for (GtkWidget *child = header; child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      int child_height, child_min = 0;

      if (!gtk_widget_should_layout (child))
        continue;
      if (child == header)
        child_height = self->header_height;
      else if (child == last)
        child_height = MAX (last_min, height - y);
      else
        gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, &child_min, &child_height, NULL, NULL);
      gtk_widget_size_allocate (child, &(GtkAllocation) { 0, y, width, child_height }, -1);
      y += child_height;
    }
}

static GtkSizeRequestMode
kes_record_column_layout_get_request_mode (GtkLayoutManager *manager,
                                           GtkWidget        *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
kes_record_column_layout_class_init (KesRecordColumnLayoutClass *klass)
{
  GtkLayoutManagerClass *manager_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  manager_class->measure = kes_record_column_layout_measure;
  manager_class->allocate = kes_record_column_layout_allocate;
  manager_class->get_request_mode = kes_record_column_layout_get_request_mode;
}

static void
kes_record_column_layout_init (KesRecordColumnLayout *self)
{
}

GtkLayoutManager *
kes_record_column_layout_new (void)
{
  return g_object_new (KES_TYPE_RECORD_COLUMN_LAYOUT, NULL);
}

void
kes_record_column_layout_set_shares_with (KesRecordColumnLayout *self,
                                          GtkWidget             *widget)
{
  g_return_if_fail (KES_IS_RECORD_COLUMN_LAYOUT (self));
  g_return_if_fail (widget == NULL || GTK_IS_WIDGET (widget));

  self->shares_with = widget;
  gtk_layout_manager_layout_changed (GTK_LAYOUT_MANAGER (self));
}

int
kes_record_column_layout_get_header_height (KesRecordColumnLayout *self)
{
  g_return_val_if_fail (KES_IS_RECORD_COLUMN_LAYOUT (self), 0);
  return self->header_height;
}
