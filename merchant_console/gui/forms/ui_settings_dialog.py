# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'settings_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QComboBox,
    QDialog, QDialogButtonBox, QFormLayout, QLabel,
    QSizePolicy, QSpinBox, QVBoxLayout, QWidget)

class Ui_SettingsDialog(object):
    def setupUi(self, SettingsDialog):
        if not SettingsDialog.objectName():
            SettingsDialog.setObjectName(u"SettingsDialog")
        SettingsDialog.resize(460, 300)
        self.layout = QVBoxLayout(SettingsDialog)
        self.layout.setObjectName(u"layout")
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.languageLabel = QLabel(SettingsDialog)
        self.languageLabel.setObjectName(u"languageLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.languageLabel)

        self.languageCombo = QComboBox(SettingsDialog)
        self.languageCombo.setObjectName(u"languageCombo")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.languageCombo)

        self.themeLabel = QLabel(SettingsDialog)
        self.themeLabel.setObjectName(u"themeLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.themeLabel)

        self.themeCombo = QComboBox(SettingsDialog)
        self.themeCombo.setObjectName(u"themeCombo")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.themeCombo)

        self.syncLabel = QLabel(SettingsDialog)
        self.syncLabel.setObjectName(u"syncLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.syncLabel)

        self.syncSpin = QSpinBox(SettingsDialog)
        self.syncSpin.setObjectName(u"syncSpin")
        self.syncSpin.setMinimum(5)
        self.syncSpin.setMaximum(30)

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.syncSpin)

        self.notifyLabel = QLabel(SettingsDialog)
        self.notifyLabel.setObjectName(u"notifyLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.notifyLabel)

        self.notifyBoxes = QVBoxLayout()
        self.notifyBoxes.setObjectName(u"notifyBoxes")
        self.notifyHour = QCheckBox(SettingsDialog)
        self.notifyHour.setObjectName(u"notifyHour")

        self.notifyBoxes.addWidget(self.notifyHour)

        self.notifyQuarter = QCheckBox(SettingsDialog)
        self.notifyQuarter.setObjectName(u"notifyQuarter")

        self.notifyBoxes.addWidget(self.notifyQuarter)

        self.notifyFast = QCheckBox(SettingsDialog)
        self.notifyFast.setObjectName(u"notifyFast")

        self.notifyBoxes.addWidget(self.notifyFast)

        self.notifyUrged = QCheckBox(SettingsDialog)
        self.notifyUrged.setObjectName(u"notifyUrged")

        self.notifyBoxes.addWidget(self.notifyUrged)

        self.notifyAppeal = QCheckBox(SettingsDialog)
        self.notifyAppeal.setObjectName(u"notifyAppeal")

        self.notifyBoxes.addWidget(self.notifyAppeal)


        self.form.setLayout(3, QFormLayout.ItemRole.FieldRole, self.notifyBoxes)


        self.layout.addLayout(self.form)

        self.restartNote = QLabel(SettingsDialog)
        self.restartNote.setObjectName(u"restartNote")
        self.restartNote.setWordWrap(True)

        self.layout.addWidget(self.restartNote)

        self.buttonBox = QDialogButtonBox(SettingsDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.layout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.languageLabel.setBuddy(self.languageCombo)
        self.themeLabel.setBuddy(self.themeCombo)
        self.syncLabel.setBuddy(self.syncSpin)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(SettingsDialog)

        QMetaObject.connectSlotsByName(SettingsDialog)
    # setupUi

    def retranslateUi(self, SettingsDialog):
        SettingsDialog.setWindowTitle(QCoreApplication.translate("SettingsDialog", u"Settings", None))
        self.languageLabel.setText(QCoreApplication.translate("SettingsDialog", u"Language", None))
        self.themeLabel.setText(QCoreApplication.translate("SettingsDialog", u"Theme", None))
        self.syncLabel.setText(QCoreApplication.translate("SettingsDialog", u"Renew the live connection every", None))
#if QT_CONFIG(tooltip)
        self.syncLabel.setToolTip(QCoreApplication.translate("SettingsDialog", u"New refunds and changes arrive as soon as the platform has them. The console keeps one request open to the platform and renews it this often; a shorter time notices a lost connection sooner.", None))
#endif // QT_CONFIG(tooltip)
        self.syncSpin.setSuffix(QCoreApplication.translate("SettingsDialog", u" s", None))
#if QT_CONFIG(tooltip)
        self.syncSpin.setToolTip(QCoreApplication.translate("SettingsDialog", u"New refunds and changes arrive as soon as the platform has them. The console keeps one request open to the platform and renews it this often; a shorter time notices a lost connection sooner.", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.syncSpin.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Renew the live connection every (seconds)", None))
#endif // QT_CONFIG(accessibility)
        self.notifyLabel.setText(QCoreApplication.translate("SettingsDialog", u"Notify me", None))
        self.notifyHour.setText(QCoreApplication.translate("SettingsDialog", u"in the last hour", None))
        self.notifyQuarter.setText(QCoreApplication.translate("SettingsDialog", u"in the last 15 minutes", None))
        self.notifyFast.setText(QCoreApplication.translate("SettingsDialog", u"5 minutes before a fast refund approves itself", None))
        self.notifyUrged.setText(QCoreApplication.translate("SettingsDialog", u"when a buyer urges", None))
        self.notifyAppeal.setText(QCoreApplication.translate("SettingsDialog", u"when an appeal needs a statement", None))
        self.restartNote.setText(QCoreApplication.translate("SettingsDialog", u"A new language applies the next time the console starts.", None))
    # retranslateUi

