/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-risk-field"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-form-errors.h"
#include "risk/fields/kes-risk-field.h"

typedef struct
{
  char      *field_id;
  GtkWidget *label;
  GtkWidget *hint;     /* NULL when the field has none */
  GtkWidget *input;
  GtkWidget *problem;  /* what is wrong with what was typed; hidden when nothing */
  gboolean   setting;  /* set_value() is filling the input: not the user */
} KesRiskFieldPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (KesRiskField, kes_risk_field, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_FIELD_ID,
  PROP_LABEL,
  PROP_HINT,
  PROP_VALUE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static GtkWidget *
caption_new (const char *text,
             const char *css)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, css);
  return label;
}

/* The part of the input that takes the focus (a drop-down's button),
 * which carries its state and description. */
static GtkAccessible *
focus_part (KesRiskFieldPrivate *priv)
{
  return GTK_ACCESSIBLE (kes_field_get_focus_part (priv->input));
}

/* The hint and the problem, when there are any, describe the input; the
 * problem is its error message and the input is invalid while it shows. */
static void
update_description (KesRiskField *self)
{
  KesRiskFieldPrivate *priv = kes_risk_field_get_instance_private (self);
  GtkWidget *problem = gtk_widget_get_visible (priv->problem) ? priv->problem : NULL;
  GtkAccessible *part;

  if (priv->input == NULL)
    return;
  part = focus_part (priv);
  gtk_accessible_update_state (part, GTK_ACCESSIBLE_STATE_INVALID,
                               problem != NULL ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE, -1);
  if (problem != NULL)
    gtk_accessible_update_relation (part, GTK_ACCESSIBLE_RELATION_ERROR_MESSAGE, problem, -1);
  else
    gtk_accessible_reset_relation (part, GTK_ACCESSIBLE_RELATION_ERROR_MESSAGE);
  if (priv->hint != NULL && problem != NULL)
    gtk_accessible_update_relation (part, GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, priv->hint, problem, NULL, -1);
  else if (priv->hint != NULL || problem != NULL)
    gtk_accessible_update_relation (part, GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                    priv->hint != NULL ? priv->hint : problem, NULL, -1);
  else
    gtk_accessible_reset_relation (part, GTK_ACCESSIBLE_RELATION_DESCRIBED_BY);
}

static void
set_hint (KesRiskField *self,
          const char   *hint)
{
  KesRiskFieldPrivate *priv = kes_risk_field_get_instance_private (self);

  if (hint == NULL || *hint == '\0')
    return;
  /* Construct-only: it goes between the label and the input. */
  priv->hint = caption_new (hint, "dim-label");
  gtk_widget_insert_after (priv->hint, GTK_WIDGET (self), priv->label);
}

/* ---- GObject ---- */

static void
kes_risk_field_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (kes_risk_field_parent_class)->dispose (object);
}

static void
kes_risk_field_finalize (GObject *object)
{
  KesRiskFieldPrivate *priv = kes_risk_field_get_instance_private (KES_RISK_FIELD (object));

  g_free (priv->field_id);

  G_OBJECT_CLASS (kes_risk_field_parent_class)->finalize (object);
}

static void
kes_risk_field_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  KesRiskField *self = KES_RISK_FIELD (object);
  KesRiskFieldPrivate *priv = kes_risk_field_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_FIELD_ID:
      g_value_set_string (value, priv->field_id);
      break;
    case PROP_LABEL:
      g_value_set_string (value, gtk_label_get_text (GTK_LABEL (priv->label)));
      break;
    case PROP_HINT:
      g_value_set_string (value, priv->hint != NULL ? gtk_label_get_text (GTK_LABEL (priv->hint)) : NULL);
      break;
    case PROP_VALUE:
      g_value_take_string (value, kes_risk_field_dup_value (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kes_risk_field_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  KesRiskField *self = KES_RISK_FIELD (object);
  KesRiskFieldPrivate *priv = kes_risk_field_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_FIELD_ID:
      priv->field_id = g_value_dup_string (value);
      break;
    case PROP_LABEL:
      gtk_label_set_text (GTK_LABEL (priv->label), g_value_get_string (value));
      break;
    case PROP_HINT:
      set_hint (self, g_value_get_string (value));
      break;
    case PROP_VALUE:
      kes_risk_field_set_value (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kes_risk_field_class_init (KesRiskFieldClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kes_risk_field_dispose;
  object_class->finalize = kes_risk_field_finalize;
  object_class->get_property = kes_risk_field_get_property;
  object_class->set_property = kes_risk_field_set_property;

  properties[PROP_FIELD_ID] =
    g_param_spec_string ("field-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HINT] =
    g_param_spec_string ("hint", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Notified only when the user changes it, as "changed" is. */
  properties[PROP_VALUE] =
    g_param_spec_string ("value", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The user changed the value (not emitted by kes_risk_field_set_value). */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "kes-risk-field");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
kes_risk_field_init (KesRiskField *self)
{
  KesRiskFieldPrivate *priv = kes_risk_field_get_instance_private (self);
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 4);

  priv->label = caption_new (NULL, "caption-heading");
  gtk_widget_set_parent (priv->label, GTK_WIDGET (self));
  priv->problem = caption_new (NULL, "error");
  gtk_widget_set_visible (priv->problem, FALSE);
  gtk_widget_set_parent (priv->problem, GTK_WIDGET (self));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  priv->label, NULL, -1);
}

/* ---- Public ---- */

const char *
kes_risk_field_get_field_id (KesRiskField *self)
{
  KesRiskFieldPrivate *priv = kes_risk_field_get_instance_private (self);

  g_return_val_if_fail (KES_IS_RISK_FIELD (self), NULL);
  return priv->field_id;
}

const char *
kes_risk_field_get_label (KesRiskField *self)
{
  KesRiskFieldPrivate *priv = kes_risk_field_get_instance_private (self);

  g_return_val_if_fail (KES_IS_RISK_FIELD (self), NULL);
  return gtk_label_get_text (GTK_LABEL (priv->label));
}

char *
kes_risk_field_dup_value (KesRiskField *self)
{
  g_return_val_if_fail (KES_IS_RISK_FIELD (self), NULL);
  return KES_RISK_FIELD_GET_CLASS (self)->dup_value (self);
}

void
kes_risk_field_set_value (KesRiskField *self,
                          const char   *value)
{
  KesRiskFieldPrivate *priv = kes_risk_field_get_instance_private (self);

  g_return_if_fail (KES_IS_RISK_FIELD (self));

  priv->setting = TRUE;
  KES_RISK_FIELD_GET_CLASS (self)->set_value (self, value);
  priv->setting = FALSE;
  kes_risk_field_check (self, NULL);
}

gboolean
kes_risk_field_check (KesRiskField  *self,
                      GError       **error)
{
  KesRiskFieldPrivate *priv = kes_risk_field_get_instance_private (self);
  KesRiskFieldClass *klass;
  g_autoptr(GError) local_error = NULL;
  gboolean valid;

  g_return_val_if_fail (KES_IS_RISK_FIELD (self), FALSE);

  klass = KES_RISK_FIELD_GET_CLASS (self);
  valid = klass->check == NULL || klass->check (self, &local_error);
  gtk_label_set_text (GTK_LABEL (priv->problem), valid ? "" : local_error->message);
  gtk_widget_set_visible (priv->problem, !valid);
  update_description (self);
  if (!valid)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return valid;
}

GtkWidget *
kes_risk_field_get_input (KesRiskField *self)
{
  KesRiskFieldPrivate *priv = kes_risk_field_get_instance_private (self);

  g_return_val_if_fail (KES_IS_RISK_FIELD (self), NULL);
  return priv->input;
}

void
kes_risk_field_show_problem (KesRiskField *self,
                             const char   *message)
{
  KesRiskFieldPrivate *priv = kes_risk_field_get_instance_private (self);
  gboolean shown = message != NULL && *message != '\0';

  g_return_if_fail (KES_IS_RISK_FIELD (self));

  /* What was typed comes first: a field that can't be stored keeps that. */
  if (!shown || gtk_widget_get_visible (priv->problem))
    {
      if (!shown)
        kes_risk_field_check (self, NULL);
      return;
    }
  gtk_label_set_text (GTK_LABEL (priv->problem), message);
  gtk_widget_set_visible (priv->problem, TRUE);
  update_description (self);
}

gpointer
kes_risk_field_object_new (GType               type,
                           const KesToolField *field)
{
  g_return_val_if_fail (g_type_is_a (type, KES_TYPE_RISK_FIELD), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  return g_object_new (type, "field-id", field->id, "label", field->label, "hint", field->hint, NULL);
}

void
kes_risk_field_set_input (KesRiskField *self,
                          GtkWidget    *shown,
                          GtkWidget    *input)
{
  KesRiskFieldPrivate *priv = kes_risk_field_get_instance_private (self);

  g_return_if_fail (KES_IS_RISK_FIELD (self));
  g_return_if_fail (priv->input == NULL);

  priv->input = input;
  gtk_widget_insert_before (shown, GTK_WIDGET (self), priv->problem);
  gtk_widget_set_name (input, priv->field_id);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (input), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  priv->label, NULL, -1);
  update_description (self);
}

void
kes_risk_field_input_changed (KesRiskField *self)
{
  KesRiskFieldPrivate *priv = kes_risk_field_get_instance_private (self);

  g_return_if_fail (KES_IS_RISK_FIELD (self));

  if (priv->setting)
    return;
  kes_risk_field_check (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
  g_signal_emit (self, signals[CHANGED], 0);
}
