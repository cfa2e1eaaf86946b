/* Image embedding. libharu 2.3.0 cannot load interlaced PNGs and embeds
 * 16-bit ones as 16-bit over 8-bit data, so every PNG is decoded here
 * (gp_image_decode_png) to 8-bit pixels with their alpha as a soft mask.
 * Opaque 8-bit PNGs skip libharu altogether: their IDAT data is already
 * the Flate stream a PDF image needs (with PNG predictors), so it is
 * copied as it is instead of being decoded and compressed again. JPEGs
 * are libharu's (checked first by base/image.c), which gives every CMYK one
 * the /Decode [1 0 1 0 1 0 1 0] that only Adobe's inverted samples need. */
#include "image_embed.h"

#include "pdf/libharu_private.h"
#include "pdf/pdfx.h"

#include <stdio.h>
#include <stdlib.h>

/* An image XObject around a PNG's own zlib data. */
static HPDF_Image png_passthrough(HPDF_Doc pdf, const gp_image *image)
{
    size_t len;
    int colors;
    unsigned char *idat = gp_image_png_idat(image->path, &len, &colors);
    if (!idat)
        return NULL;
    HPDF_Dict img = gp_hpdf_new_flate_image(pdf);
    if (img) {
        HPDF_Dict_AddName(img, "Type", "XObject");
        HPDF_Dict_AddName(img, "Subtype", "Image");
        HPDF_Dict_AddNumber(img, "Width", image->info.width);
        HPDF_Dict_AddNumber(img, "Height", image->info.height);
        HPDF_Dict_AddName(img, "ColorSpace", colors == 3 ? "DeviceRGB" : "DeviceGray");
        HPDF_Dict_AddNumber(img, "BitsPerComponent", 8);
        HPDF_Dict parms = gp_hpdf_new_direct_dict(pdf);
        HPDF_Dict_AddNumber(parms, "Predictor", 15);
        HPDF_Dict_AddNumber(parms, "Colors", colors);
        HPDF_Dict_AddNumber(parms, "BitsPerComponent", 8);
        HPDF_Dict_AddNumber(parms, "Columns", image->info.width);
        HPDF_Dict_Add(img, "DecodeParms", parms);
        if (!gp_hpdf_stream_borrow(img, idat, len, free, idat)) /* freed with the document */
            img = NULL;
    } else {
        free(idat);
    }
    return img;
}

/* A decoded PNG (from its file, or from memory) as a raw image, with its alpha as a soft mask. */
static HPDF_Image png_decoded(HPDF_Doc pdf, const gp_image *image, char *err, size_t errlen)
{
    gp_image_pixels px;
    const char *path = image->path;
    if (!(image->png ? gp_image_decode_png_data(image->png, image->png_len, &px, err, errlen)
                     : gp_image_decode_png(path, &px, err, errlen)))
        return NULL;
    HPDF_Image img = HPDF_LoadRawImageFromMem(pdf, px.color, (HPDF_UINT)px.width, (HPDF_UINT)px.height,
                                              px.colors == 3 ? HPDF_CS_DEVICE_RGB : HPDF_CS_DEVICE_GRAY, 8);
    if (img && px.alpha) {
        HPDF_Image mask = HPDF_LoadRawImageFromMem(pdf, px.alpha, (HPDF_UINT)px.width, (HPDF_UINT)px.height,
                                                   HPDF_CS_DEVICE_GRAY, 8);
        if (!mask || HPDF_Image_AddSMask(img, mask) != HPDF_OK)
            img = NULL;
    }
    gp_image_pixels_free(&px);
    if (!img)
        snprintf(err, errlen, "cannot embed image `%s`", path);
    return img;
}

static HPDF_Image image_xobject(HPDF_Doc pdf, const gp_image *image, char *err, size_t errlen)
{
    if (image->info.kind == GP_IMAGE_PNG) {
        HPDF_Image img = image->png ? NULL : png_passthrough(pdf, image);
        return img ? img : png_decoded(pdf, image, err, errlen);
    }
    HPDF_Image img = HPDF_LoadJpegImageFromFile(pdf, image->path);
    if (!img)
        snprintf(err, errlen, "cannot embed image `%s`", image->path);
    else if (image->info.colors == 4 && !image->info.adobe) /* libharu inverts every CMYK JPEG, as Adobe's are */
        HPDF_Dict_RemoveElement(img, "Decode");
    return img;
}

HPDF_Image gp_image_embed(HPDF_Doc pdf, const gp_image *image, HPDF_Dict srgb, char *err, size_t errlen)
{
    HPDF_Image img = image_xobject(pdf, image, err, errlen);
    /* (a soft mask stays DeviceGray: a mask is no colour) */
    if (img && srgb && image->info.colors == 3 && HPDF_Dict_Add(img, "ColorSpace", gp_pdfx_rgb(pdf, srgb)) != HPDF_OK) {
        snprintf(err, errlen, "cannot embed image `%s` in sRGB", image->path);
        return NULL;
    }
    return img;
}
