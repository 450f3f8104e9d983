/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-context"

#include "config.h"

#include "kes-clock.h"
#include "kes-context.h"

struct _KesContext
{
  GObject       parent_instance;

  KesStore     *store;
  GSettings    *settings;
  GSignalGroup *store_signals; /* "changed" of whichever store is open */
};

G_DEFINE_FINAL_TYPE (KesContext, kes_context, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_STORE,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
store_changed_cb (KesContext *self,
                  const char *kind,
                  const char *record_id,
                  const char *patient_id)
{
  g_signal_emit (self, signals[CHANGED], 0, kind, record_id, patient_id);
}

static void
kes_context_dispose (GObject *object)
{
  KesContext *self = KES_CONTEXT (object);

  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, NULL);
  g_clear_object (&self->store_signals);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (kes_context_parent_class)->dispose (object);
}

static void
kes_context_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  KesContext *self = KES_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kes_context_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  KesContext *self = KES_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      kes_context_set_store (self, g_value_get_object (value));
      break;
    case PROP_SETTINGS:
      g_set_object (&self->settings, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kes_context_class_init (KesContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kes_context_dispose;
  object_class->get_property = kes_context_get_property;
  object_class->set_property = kes_context_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, KES_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* As KesStore::changed, for whichever store the context holds. */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 3,
                                   G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);
}

static void
kes_context_init (KesContext *self)
{
  self->store_signals = g_signal_group_new (KES_TYPE_STORE);
  g_signal_group_connect_swapped (self->store_signals, "changed", G_CALLBACK (store_changed_cb), self);
}

KesContext *
kes_context_new (KesStore  *store,
                 GSettings *settings)
{
  g_return_val_if_fail (store == NULL || KES_IS_STORE (store), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  return g_object_new (KES_TYPE_CONTEXT, "store", store, "settings", settings, NULL);
}

KesStore *
kes_context_get_store (KesContext *self)
{
  g_return_val_if_fail (KES_IS_CONTEXT (self), NULL);

  return self->store;
}

void
kes_context_set_store (KesContext *self,
                       KesStore   *store)
{
  g_return_if_fail (KES_IS_CONTEXT (self));
  g_return_if_fail (store == NULL || KES_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;
  g_signal_group_set_target (self->store_signals, store);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

GSettings *
kes_context_get_settings (KesContext *self)
{
  g_return_val_if_fail (KES_IS_CONTEXT (self), NULL);

  return self->settings;
}

KesStaff *
kes_context_get_actor (KesContext *self)
{
  g_return_val_if_fail (KES_IS_CONTEXT (self), NULL);

  return self->store != NULL ? kes_store_get_actor (self->store) : NULL;
}

GDate *
kes_context_dup_today (KesContext *self)
{
  g_return_val_if_fail (KES_IS_CONTEXT (self), NULL);

  return kes_clock_today ();
}

char *
kes_context_dup_now_iso (KesContext *self)
{
  g_return_val_if_fail (KES_IS_CONTEXT (self), NULL);

  return kes_clock_now_iso ();
}
