from django.urls import path

from areasend.surveys import views

app_name = "surveys"
urlpatterns = [
    path("", views.index, name="index"),
    path("poster/", views.poster, name="poster"),
    path("results/", views.results, name="results"),
    path("results/<int:response>/<str:question>/themes/", views.tag, name="tag"),
    path("<str:kind>/", views.form, name="form"),
    path("<str:kind>/sent/", views.thanks, name="thanks"),
]
