from django.urls import path

from areasend.letters import views

app_name = "letters"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("<int:pk>/", views.review, name="review"),
    path("upload/", views.upload, name="upload"),
    path("import-inbox/", views.import_inbox, name="import_inbox"),
]
