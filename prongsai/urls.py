from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from prongsai.core import views as core_views
from prongsai.site import search as site_search
from prongsai.site import views as site_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("robots.txt", site_views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Public pages: Thai at "/", English at "/en/".
urlpatterns += i18n_patterns(
    path("", include("prongsai.complaints.urls")),
    path("ita/", include("prongsai.ita.urls")),
    path("ita/", include("prongsai.disclosure.urls")),
    path("search/", site_search.search, name="search"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler404 = "prongsai.site.views.page_not_found"
handler500 = "prongsai.site.views.server_error"
