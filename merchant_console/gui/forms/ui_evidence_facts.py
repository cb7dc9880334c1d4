# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'evidence_facts.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QFormLayout, QLabel, QPushButton,
    QSizePolicy, QSpacerItem, QVBoxLayout, QWidget)

class Ui_EvidenceFacts(object):
    def setupUi(self, EvidenceFacts):
        if not EvidenceFacts.objectName():
            EvidenceFacts.setObjectName(u"EvidenceFacts")
        EvidenceFacts.resize(280, 520)
        self.outer = QVBoxLayout(EvidenceFacts)
        self.outer.setObjectName(u"outer")
        self.heading = QLabel(EvidenceFacts)
        self.heading.setObjectName(u"heading")
        self.heading.setStyleSheet(u"font-weight: bold;")

        self.outer.addWidget(self.heading)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.sizeLabel = QLabel(EvidenceFacts)
        self.sizeLabel.setObjectName(u"sizeLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.sizeLabel)

        self.sizeValue = QLabel(EvidenceFacts)
        self.sizeValue.setObjectName(u"sizeValue")
        self.sizeValue.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.sizeValue)

        self.formatLabel = QLabel(EvidenceFacts)
        self.formatLabel.setObjectName(u"formatLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.formatLabel)

        self.formatValue = QLabel(EvidenceFacts)
        self.formatValue.setObjectName(u"formatValue")
        self.formatValue.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.formatValue)

        self.bytesLabel = QLabel(EvidenceFacts)
        self.bytesLabel.setObjectName(u"bytesLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.bytesLabel)

        self.bytesValue = QLabel(EvidenceFacts)
        self.bytesValue.setObjectName(u"bytesValue")
        self.bytesValue.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.bytesValue)

        self.cameraLabel = QLabel(EvidenceFacts)
        self.cameraLabel.setObjectName(u"cameraLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.cameraLabel)

        self.cameraValue = QLabel(EvidenceFacts)
        self.cameraValue.setObjectName(u"cameraValue")
        self.cameraValue.setWordWrap(True)
        self.cameraValue.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.cameraValue)

        self.softwareLabel = QLabel(EvidenceFacts)
        self.softwareLabel.setObjectName(u"softwareLabel")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.softwareLabel)

        self.softwareValue = QLabel(EvidenceFacts)
        self.softwareValue.setObjectName(u"softwareValue")
        self.softwareValue.setWordWrap(True)
        self.softwareValue.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.softwareValue)

        self.takenLabel = QLabel(EvidenceFacts)
        self.takenLabel.setObjectName(u"takenLabel")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.takenLabel)

        self.takenValue = QLabel(EvidenceFacts)
        self.takenValue.setObjectName(u"takenValue")
        self.takenValue.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.takenValue)

        self.orientationLabel = QLabel(EvidenceFacts)
        self.orientationLabel.setObjectName(u"orientationLabel")

        self.form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.orientationLabel)

        self.orientationValue = QLabel(EvidenceFacts)
        self.orientationValue.setObjectName(u"orientationValue")

        self.form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.orientationValue)

        self.shaLabel = QLabel(EvidenceFacts)
        self.shaLabel.setObjectName(u"shaLabel")

        self.form.setWidget(7, QFormLayout.ItemRole.LabelRole, self.shaLabel)

        self.shaValue = QLabel(EvidenceFacts)
        self.shaValue.setObjectName(u"shaValue")
        self.shaValue.setWordWrap(True)
        self.shaValue.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.form.setWidget(7, QFormLayout.ItemRole.FieldRole, self.shaValue)


        self.outer.addLayout(self.form)

        self.signalsHeading = QLabel(EvidenceFacts)
        self.signalsHeading.setObjectName(u"signalsHeading")
        self.signalsHeading.setStyleSheet(u"font-weight: bold;")

        self.outer.addWidget(self.signalsHeading)

        self.signalsValue = QLabel(EvidenceFacts)
        self.signalsValue.setObjectName(u"signalsValue")
        self.signalsValue.setWordWrap(True)
        self.signalsValue.setTextFormat(Qt.RichText)

        self.outer.addWidget(self.signalsValue)

        self.flagsHeading = QLabel(EvidenceFacts)
        self.flagsHeading.setObjectName(u"flagsHeading")
        self.flagsHeading.setStyleSheet(u"font-weight: bold;")

        self.outer.addWidget(self.flagsHeading)

        self.flagsValue = QLabel(EvidenceFacts)
        self.flagsValue.setObjectName(u"flagsValue")
        self.flagsValue.setWordWrap(True)
        self.flagsValue.setTextFormat(Qt.PlainText)

        self.outer.addWidget(self.flagsValue)

        self.flagButton = QPushButton(EvidenceFacts)
        self.flagButton.setObjectName(u"flagButton")

        self.outer.addWidget(self.flagButton)

        self.bottomSpacer = QSpacerItem(20, 40, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.outer.addItem(self.bottomSpacer)


        self.retranslateUi(EvidenceFacts)

        QMetaObject.connectSlotsByName(EvidenceFacts)
    # setupUi

    def retranslateUi(self, EvidenceFacts):
        EvidenceFacts.setWindowTitle(QCoreApplication.translate("EvidenceFacts", u"Image facts", None))
        self.heading.setText(QCoreApplication.translate("EvidenceFacts", u"Image facts", None))
        self.sizeLabel.setText(QCoreApplication.translate("EvidenceFacts", u"Size", None))
        self.formatLabel.setText(QCoreApplication.translate("EvidenceFacts", u"Format", None))
        self.bytesLabel.setText(QCoreApplication.translate("EvidenceFacts", u"File size", None))
        self.cameraLabel.setText(QCoreApplication.translate("EvidenceFacts", u"Camera", None))
        self.softwareLabel.setText(QCoreApplication.translate("EvidenceFacts", u"Software", None))
        self.takenLabel.setText(QCoreApplication.translate("EvidenceFacts", u"Taken", None))
        self.orientationLabel.setText(QCoreApplication.translate("EvidenceFacts", u"Orientation", None))
        self.shaLabel.setText(QCoreApplication.translate("EvidenceFacts", u"SHA-256", None))
        self.signalsHeading.setText(QCoreApplication.translate("EvidenceFacts", u"Risk signals", None))
        self.flagsHeading.setText(QCoreApplication.translate("EvidenceFacts", u"Flags", None))
        self.flagButton.setText(QCoreApplication.translate("EvidenceFacts", u"Flag this image\u2026", None))
    # retranslateUi

