"""Stands of the tijdlijn's memory (Geheugenstand): a rebuild after a fact entered late starts
from the nearest one before the fact's moment. Cases get them at their next rebuild; until
then a late fact tells the whole history, as before."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0035_gebeurtenis_afgeschermd_index'),
    ]

    operations = [
        migrations.CreateModel(
            name='Geheugenstand',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('versie', models.PositiveIntegerField(verbose_name='versie')),
                ('tijdstip', models.DateTimeField(verbose_name='tijdstip')),
                ('volgnummer', models.PositiveIntegerField(verbose_name='volgnummer')),
                ('aantal', models.PositiveIntegerField(verbose_name='aantal')),
                ('geheugen', models.TextField(verbose_name='geheugen')),
                ('bestuursproces', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='cases.bestuursproces')),
            ],
            options={
                'verbose_name': 'geheugenstand van de tijdlijn',
                'verbose_name_plural': 'geheugenstanden van de tijdlijn',
                'constraints': [models.UniqueConstraint(fields=('bestuursproces', 'tijdstip', 'volgnummer'), name='geheugenstand_per_positie')],
            },
        ),
    ]
