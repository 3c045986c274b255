from django.urls import path

from . import views

urlpatterns = [
    path("settings/mentor-links/", views.mentor_link_list, name="mentor_link_list"),
    path("settings/mentor-links/new/", views.mentor_link_create, name="mentor_link_create"),
    path("settings/mentor-links/<int:pk>/", views.mentor_link_detail, name="mentor_link_detail"),
    path(
        "settings/mentor-links/<int:pk>/revoke/",
        views.mentor_link_revoke,
        name="mentor_link_revoke",
    ),
    path("mentor/<slug:token>/", views.mentor_page_view, name="mentor_page"),
]
