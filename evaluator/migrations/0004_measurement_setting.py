from django.db import migrations, models

from evaluator.harness_setting import results_setting_text


def derive_settings(apps, schema_editor):
    """Measurements recorded before the field existed: their setting, from the run's results."""
    Measurement = apps.get_model("evaluator", "Measurement")
    for measurement in Measurement.objects.select_related("run").iterator():
        results = measurement.run.results or {}
        text = results_setting_text(results, measurement.task.split("+")) if results else ""
        if text:
            measurement.setting = text[:200]
            measurement.save(update_fields=["setting"])


class Migration(migrations.Migration):
    dependencies = [
        ("evaluator", "0003_run_gpu_class"),
    ]

    operations = [
        migrations.AddField(
            model_name="measurement",
            name="setting",
            field=models.CharField(
                blank=True,
                help_text=(
                    'From the lm-eval config that ran, e.g. "5-shot, no CoT, log-likelihood".'
                ),
                max_length=200,
            ),
        ),
        migrations.RunPython(derive_settings, migrations.RunPython.noop),
    ]
