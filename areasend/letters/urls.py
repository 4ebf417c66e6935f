from django.urls import path

from areasend.letters import views

app_name = "letters"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("<int:pk>/", views.review, name="review"),
]
