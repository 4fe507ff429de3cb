from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from .models import EvaluationRun


def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(EvaluationRun.objects.select_related("model"), pk=pk)
    return render(request, "evaluator/run.html", {"run": run})
