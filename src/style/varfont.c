/* Variable fonts: see varfont.h. Read with HarfBuzz's fvar API. */
#include "varfont.h"

#include <hb-ot.h>
#include <stdio.h>
#include <string.h>

static hb_face_t *open_face(const char *path, int index)
{
    hb_blob_t *blob = hb_blob_create_from_file_or_fail(path);
    hb_face_t *face = hb_face_create(blob, (unsigned)index);
    hb_blob_destroy(blob);
    return face;
}

/* The `wght` value of named instance k, 0 if k or the axis does not exist. */
static double instance_weight(hb_face_t *face, unsigned k)
{
    hb_ot_var_axis_info_t axis;
    if (!hb_ot_var_find_axis_info(face, HB_OT_TAG_VAR_AXIS_WEIGHT, &axis) ||
        k >= hb_ot_var_get_named_instance_count(face))
        return 0;
    float coords[64];
    unsigned n = 64;
    hb_ot_var_named_instance_get_design_coords(face, k, &n, coords);
    return axis.axis_index < n ? coords[axis.axis_index] : 0;
}

/* The named instance called `name` (case and spaces ignored: "SemiBold" is "Semi Bold"). */
static bool same_name(const char *a, const char *b)
{
    for (;; a++, b++) {
        while (*a == ' ')
            a++;
        while (*b == ' ')
            b++;
        if (!*a || !*b || (*a | 0x20) != (*b | 0x20))
            return !*a && !*b;
    }
}

/* The named instances' names, for a message: "Thin, Light, Regular". */
static void list_instances(hb_face_t *face, char *out, size_t len)
{
    out[0] = 0;
    for (unsigned k = 0, n = hb_ot_var_get_named_instance_count(face); k < n; k++) {
        char name[64];
        unsigned nlen = sizeof name;
        hb_ot_name_get_utf8(face, hb_ot_var_named_instance_get_subfamily_name_id(face, k), HB_LANGUAGE_INVALID, &nlen,
                            name);
        size_t used = strlen(out);
        snprintf(out + used, len - used, "%s%s", k ? ", " : "", name);
    }
}

bool gp_varfont_weight(const char *path, int index, const char *name, double weight, double *out, char *msg,
                       size_t msglen)
{
    hb_face_t *face = open_face(path, index);
    hb_ot_var_axis_info_t axis;
    bool ok = false;
    if (!hb_ot_var_find_axis_info(face, HB_OT_TAG_VAR_AXIS_WEIGHT, &axis)) {
        snprintf(msg, msglen,
                 "`%s` is not a variable font with a weight axis, so it has no other weight; name the "
                 "file of that weight instead",
                 path);
    } else if (name) {
        for (unsigned k = 0, n = hb_ot_var_get_named_instance_count(face); k < n && !ok; k++) {
            char iname[64];
            unsigned len = sizeof iname;
            hb_ot_name_get_utf8(face, hb_ot_var_named_instance_get_subfamily_name_id(face, k), HB_LANGUAGE_INVALID,
                                &len, iname);
            if (same_name(iname, name))
                *out = instance_weight(face, k), ok = true;
        }
        if (!ok) {
            char names[512];
            list_instances(face, names, sizeof names);
            snprintf(msg, msglen, "`%s` has no instance named `%s`; it has %s, or a weight from %g to %g", path, name,
                     names, axis.min_value, axis.max_value);
        }
    } else if (weight < axis.min_value || weight > axis.max_value) {
        snprintf(msg, msglen, "`%s` has no weight %g: its weights run from %g to %g", path, weight, axis.min_value,
                 axis.max_value);
    } else {
        *out = weight, ok = true;
    }
    hb_face_destroy(face);
    return ok;
}

double gp_varfont_instance_weight(const char *path, int index, unsigned k)
{
    hb_face_t *face = open_face(path, index);
    double w = instance_weight(face, k);
    hb_face_destroy(face);
    return w;
}

bool gp_varfont_has_weight(const char *path, int index)
{
    hb_face_t *face = open_face(path, index);
    hb_ot_var_axis_info_t axis;
    bool has = hb_ot_var_find_axis_info(face, HB_OT_TAG_VAR_AXIS_WEIGHT, &axis);
    hb_face_destroy(face);
    return has;
}
