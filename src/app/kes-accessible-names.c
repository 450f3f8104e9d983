/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-accessible-names"

#include "config.h"

#include <string.h>
#include <adwaita.h>
#include <glib/gi18n.h>

#include "kes-accessible-names.h"

/* GTK 4.8 names some widgets badly for a screen reader, whoever builds
 * them. Rather than fix each button and drop-down by hand (and forget the
 * next one), every widget is looked at once as it is realized:
 *
 * - A button whose label has a mnemonic is labelled twice: GtkButton sets
 *   its accessible label to the raw text ("_Edit"), and the label inside,
 *   being the button's mnemonic label, adds itself as "labelled by"
 *   ("Edit"). A screen reader said "_Edit Edit". The raw label is dropped;
 *   the mnemonic label names the button, as it does a field.
 * - A drop-down's own button and a scroll bar have no label at all, so
 *   GTK names them by their type ("GtkToggleButton", "GtkScrollbar").
 * - A column view's heading row is named by its type ("GtkListItemWidget").
 * - A switch or check box that a row activates is labelled by the row's
 *   title (libadwaita adds the relation); an accessible label set on it as
 *   well made "Young carer Young carer". The relation is kept.
 * - The items of a drop-down's list, and the item a combo row shows as its
 *   value, have no name: each is labelled by its label, whatever it is
 *   bound to.
 * - A preferences group has no name: it is named by its title, so that a
 *   screen reader says which group the focus entered. An expander row
 *   (libadwaita 1.2) has none either: it is named by its title too.
 * - A check box with a mnemonic is named by its raw label ("Show _retired"):
 *   it is named by the text shown instead.
 * - A password row's peek button shows only an icon and is named by its
 *   type ("GtkImage"): it is named for what it does.
 * - GTK's own windows: a stack switcher's page is labelled by its raw title
 *   (the shortcuts window's pages are "_1", "_2": named "Page 1"). In the
 *   shortcuts window and the file chooser, buttons showing only an icon,
 *   a label GTK does not relate, or a tooltip are said by their type
 *   ("GtkImage", "GtkMenuButton"), the places and the file-type filter by
 *   nothing: each is named by its tooltip, its text or its icon.
 */

#define FIXED_KEY "kes-accessible-names-fixed"

static gboolean
has_mnemonic_label (GtkButton *button)
{
  const char *label = gtk_button_get_label (button);

  return gtk_button_get_use_underline (button) && label != NULL && strchr (label, '_') != NULL;
}

static void
drop_raw_label (GtkButton *button)
{
  if (has_mnemonic_label (button))
    gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

/* GtkButton sets the raw label again whenever its label changes. */
static void
button_label_changed_cb (GtkButton  *button,
                         GParamSpec *pspec,
                         gpointer    user_data)
{
  drop_raw_label (button);
}

static void
name_mnemonic_button (GtkButton *button)
{
  drop_raw_label (button);
  g_signal_connect (button, "notify::label", G_CALLBACK (button_label_changed_cb), NULL);
  g_signal_connect (button, "notify::use-underline", G_CALLBACK (button_label_changed_cb), NULL);
}

static gboolean
is_type_named (GtkWidget  *widget,
               const char *type_name)
{
  return g_strcmp0 (G_OBJECT_TYPE_NAME (widget), type_name) == 0;
}

static void
set_label (GtkWidget  *widget,
           const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static GtkWidget *
first_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *label = first_label (child);

      if (label != NULL)
        return label;
    }
  return NULL;
}

static gboolean
is_activated_by_row (GtkWidget *widget)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, ADW_TYPE_ACTION_ROW);

  return row != NULL && adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row)) == widget;
}

/* "_1" → "Page 1"; "_General" → "General". */
static void
name_stack_switcher_page (GtkWidget *button)
{
  GtkWidget *label = first_label (button);
  const char *text = label != NULL ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
  g_autofree char *page = NULL;

  if (text == NULL || *text == '\0')
    return;
  if (strspn (text, "0123456789") == strlen (text))
    {
      /* Translators: a numbered page of the keyboard shortcuts window */
      page = g_strdup_printf (_("Page %s"), text);
      set_label (button, page);
    }
  else
    set_label (button, text);
}

static GtkWidget *
first_image (GtkWidget *widget)
{
  if (GTK_IS_IMAGE (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *image = first_image (child);

      if (image != NULL)
        return image;
    }
  return NULL;
}

/* Names for the icons of GTK's own icon-only buttons. */
static const char *
icon_label (GtkWidget *widget)
{
  GtkWidget *image = first_image (widget);
  const char *icon = image != NULL ? gtk_image_get_icon_name (GTK_IMAGE (image)) : NULL;

  /* The path bar's root and home buttons show a themed GIcon. */
  if (icon == NULL && image != NULL && gtk_image_get_storage_type (GTK_IMAGE (image)) == GTK_IMAGE_GICON
      && G_IS_THEMED_ICON (gtk_image_get_gicon (GTK_IMAGE (image))))
    icon = g_themed_icon_get_names (G_THEMED_ICON (gtk_image_get_gicon (GTK_IMAGE (image))))[0];

  if (g_strcmp0 (icon, "window-close-symbolic") == 0)
    return _("Close");
  if (g_strcmp0 (icon, "user-home-symbolic") == 0)
    return _("Home");
  if (g_strcmp0 (icon, "drive-harddisk-symbolic") == 0)
    return _("Computer");
  if (g_strcmp0 (icon, "pan-start-symbolic") == 0)
    return _("Scroll left");
  if (g_strcmp0 (icon, "pan-end-symbolic") == 0)
    return _("Scroll right");
  /* The shortcuts window's search button (a toggle button, announced as a
   * push button by GTK 4.8). */
  if (g_strcmp0 (icon, "edit-find-symbolic") == 0)
    return _("Search");
  return NULL;
}

static gboolean
in_path_bar (GtkWidget *widget)
{
  for (GtkWidget *up = gtk_widget_get_parent (widget); up != NULL; up = gtk_widget_get_parent (up))
    if (is_type_named (up, "GtkPathBar"))
      return TRUE;
  return FALSE;
}

/* A widget of GTK's file chooser or shortcuts window, named as a person
 * would say it: by its tooltip, else its text, else its icon. */
static void
name_gtk_widget (GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);
  /* A menu button's own button shares its tooltip. */
  const char *tooltip = gtk_widget_get_tooltip_text (GTK_IS_MENU_BUTTON (parent) ? parent : widget);
  GtkWidget *label = first_label (widget);
  const char *text = label != NULL ? gtk_label_get_text (GTK_LABEL (label)) : NULL;

  /* A menu button's own button is labelled by the menu button. */
  if (GTK_IS_MENU_BUTTON (parent))
    return;
  if (GTK_IS_DROP_DOWN (widget))
    set_label (widget, _("File type"));
  else if (GTK_IS_LIST_BOX_ROW (widget) && text != NULL && *text != '\0')
    {
      set_label (widget, text);
      /* A place's tooltip is its path, which reads as an identifier. */
      if (tooltip != NULL && tooltip[0] == '/')
        {
          /* Translators: the description of a place in the file chooser */
          g_autofree char *where = g_strdup_printf (_("Folder %s"), tooltip);

          gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, where, -1);
        }
    }
  else if (GTK_IS_TOGGLE_BUTTON (widget) && in_path_bar (widget) && label != NULL && icon_label (widget) == NULL
           && (text == NULL || *text == '\0'))
    /* A path bar's folder button gets its name after it is realized: it
     * is labelled by its label, whatever that comes to say. */
    gtk_accessible_update_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  else if ((GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) == NULL) || GTK_IS_MENU_BUTTON (widget))
    {
      if (tooltip != NULL && *tooltip != '\0')
        set_label (widget, tooltip);
      else if (text != NULL && *text != '\0')
        set_label (widget, text);
      else if (icon_label (widget) != NULL)
        set_label (widget, icon_label (widget));
    }
}

/* An expander row's title can change after it is realized. */
static void
expander_title_changed_cb (AdwPreferencesRow *row,
                           GParamSpec        *pspec,
                           gpointer           user_data)
{
  const char *title = adw_preferences_row_get_title (row);

  if (title != NULL && *title != '\0')
    set_label (GTK_WIDGET (row), title);
}

static void
name_expander_row (AdwExpanderRow *row)
{
  expander_title_changed_cb (ADW_PREFERENCES_ROW (row), NULL, NULL);
  g_signal_connect (row, "notify::title", G_CALLBACK (expander_title_changed_cb), NULL);
}

/* "Show _retired" → "Show retired", as the check box shows it. */
static void
check_label_changed_cb (GtkCheckButton *check,
                        GParamSpec     *pspec,
                        gpointer        user_data)
{
  const char *label = gtk_check_button_get_label (check);
  GtkWidget *shown = first_label (GTK_WIDGET (check));

  if (gtk_check_button_get_use_underline (check) && label != NULL && strchr (label, '_') != NULL && shown != NULL)
    set_label (GTK_WIDGET (check), gtk_label_get_text (GTK_LABEL (shown)));
}

static void
name_mnemonic_check (GtkCheckButton *check)
{
  check_label_changed_cb (check, NULL, NULL);
  g_signal_connect (check, "notify::label", G_CALLBACK (check_label_changed_cb), NULL);
  g_signal_connect (check, "notify::use-underline", G_CALLBACK (check_label_changed_cb), NULL);
}

static void name_widget (GtkWidget *widget);

static void
name_subtree (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (g_object_get_data (G_OBJECT (child), FIXED_KEY) == NULL)
        {
          g_object_set_data (G_OBJECT (child), FIXED_KEY, GINT_TO_POINTER (TRUE));
          name_widget (child);
        }
      name_subtree (child);
    }
}

static void
name_widget (GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);

  if (GTK_IS_BUTTON (widget))
    name_mnemonic_button (GTK_BUTTON (widget));
  else if (GTK_IS_CHECK_BUTTON (widget))
    name_mnemonic_check (GTK_CHECK_BUTTON (widget));

  /* The button inside a drop-down opens its list; the drop-down itself
   * carries the field's name and the choice. */
  if (GTK_IS_TOGGLE_BUTTON (widget) && GTK_IS_DROP_DOWN (parent))
    set_label (widget, _("Show the choices"));
  else if (GTK_IS_TOGGLE_BUTTON (widget) && GTK_IS_STACK_SWITCHER (parent))
    name_stack_switcher_page (widget);
  else if (GTK_IS_SCROLLBAR (widget))
    set_label (widget, gtk_orientable_get_orientation (GTK_ORIENTABLE (widget)) == GTK_ORIENTATION_VERTICAL
                         ? _("Scroll up and down")
                         : _("Scroll left and right"));
  else if (GTK_IS_COLUMN_VIEW (parent) && is_type_named (widget, "GtkListItemWidget"))
    set_label (widget, _("Column headings"));
  else if (is_type_named (widget, "GtkListItemWidget")
           && (gtk_widget_get_ancestor (widget, GTK_TYPE_DROP_DOWN) != NULL
               || gtk_widget_get_ancestor (widget, ADW_TYPE_COMBO_ROW) != NULL))
    {
      GtkWidget *label = first_label (widget);

      if (label != NULL)
        gtk_accessible_update_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL,
                                        -1);
    }
  else if (is_activated_by_row (widget))
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL);
  else if (ADW_IS_EXPANDER_ROW (widget))
    name_expander_row (ADW_EXPANDER_ROW (widget));
  else if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) == NULL
           && gtk_widget_get_ancestor (widget, ADW_TYPE_PASSWORD_ENTRY_ROW) != NULL)
    /* Translators: the eye icon in a password field; its description says "Show Text" or "Hide Text" */
    set_label (widget, _("Show or Hide the Password"));
  else if (ADW_IS_PREFERENCES_GROUP (widget))
    {
      const char *title = adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget));

      if (title != NULL && *title != '\0')
        set_label (widget, title);
    }
  else if (gtk_widget_get_ancestor (widget, GTK_TYPE_FILE_CHOOSER_WIDGET) != NULL ||
           gtk_widget_get_ancestor (widget, GTK_TYPE_SHORTCUTS_WINDOW) != NULL)
    name_gtk_widget (widget);

  /* Parts GTK leaves unrealized (a hidden search bar, the path bar's
   * arrows) are announced all the same: named with the whole. */
  if (GTK_IS_FILE_CHOOSER_WIDGET (widget) || GTK_IS_SHORTCUTS_WINDOW (widget))
    name_subtree (widget);
}

static gboolean
widget_realized_hook (GSignalInvocationHint *hint,
                      guint                  n_values,
                      const GValue          *values,
                      gpointer               user_data)
{
  GtkWidget *widget = g_value_get_object (&values[0]);

  if (GTK_IS_WIDGET (widget) && g_object_get_data (G_OBJECT (widget), FIXED_KEY) == NULL)
    {
      g_object_set_data (G_OBJECT (widget), FIXED_KEY, GINT_TO_POINTER (TRUE));
      name_widget (widget);
    }

  return TRUE;
}

void
kes_accessible_names_install (void)
{
  static gsize installed = 0;

  if (g_once_init_enter (&installed))
    {
      guint realize;

      /* A signal exists once its class does; no widget may have been made yet. */
      g_type_class_ref (GTK_TYPE_WIDGET);
      realize = g_signal_lookup ("realize", GTK_TYPE_WIDGET);

      g_signal_add_emission_hook (realize, 0, widget_realized_hook, NULL, NULL);
      g_once_init_leave (&installed, 1);
    }
}
