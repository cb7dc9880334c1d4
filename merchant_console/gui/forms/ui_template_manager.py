# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'template_manager.ui'
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
from PySide6.QtWidgets import (QApplication, QComboBox, QDialog, QFormLayout,
    QHBoxLayout, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QPlainTextEdit, QPushButton, QSizePolicy,
    QSpacerItem, QSpinBox, QVBoxLayout, QWidget)

class Ui_TemplateManager(object):
    def setupUi(self, TemplateManager):
        if not TemplateManager.objectName():
            TemplateManager.setObjectName(u"TemplateManager")
        TemplateManager.resize(820, 520)
        self.layout = QHBoxLayout(TemplateManager)
        self.layout.setObjectName(u"layout")
        self.leftColumn = QVBoxLayout()
        self.leftColumn.setObjectName(u"leftColumn")
        self.actionCombo = QComboBox(TemplateManager)
        self.actionCombo.setObjectName(u"actionCombo")

        self.leftColumn.addWidget(self.actionCombo)

        self.templateList = QListWidget(TemplateManager)
        self.templateList.setObjectName(u"templateList")

        self.leftColumn.addWidget(self.templateList)

        self.listButtons = QHBoxLayout()
        self.listButtons.setObjectName(u"listButtons")
        self.addButton = QPushButton(TemplateManager)
        self.addButton.setObjectName(u"addButton")

        self.listButtons.addWidget(self.addButton)

        self.deleteButton = QPushButton(TemplateManager)
        self.deleteButton.setObjectName(u"deleteButton")

        self.listButtons.addWidget(self.deleteButton)

        self.upButton = QPushButton(TemplateManager)
        self.upButton.setObjectName(u"upButton")

        self.listButtons.addWidget(self.upButton)

        self.downButton = QPushButton(TemplateManager)
        self.downButton.setObjectName(u"downButton")

        self.listButtons.addWidget(self.downButton)


        self.leftColumn.addLayout(self.listButtons)


        self.layout.addLayout(self.leftColumn)

        self.rightColumn = QVBoxLayout()
        self.rightColumn.setObjectName(u"rightColumn")
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.nameLabel = QLabel(TemplateManager)
        self.nameLabel.setObjectName(u"nameLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.nameEdit = QLineEdit(TemplateManager)
        self.nameEdit.setObjectName(u"nameEdit")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.nameEdit)

        self.langLabel = QLabel(TemplateManager)
        self.langLabel.setObjectName(u"langLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.langLabel)

        self.langCombo = QComboBox(TemplateManager)
        self.langCombo.setObjectName(u"langCombo")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.langCombo)

        self.codeLabel = QLabel(TemplateManager)
        self.codeLabel.setObjectName(u"codeLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.codeLabel)

        self.codeCombo = QComboBox(TemplateManager)
        self.codeCombo.setObjectName(u"codeCombo")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.codeCombo)

        self.shortcutLabel = QLabel(TemplateManager)
        self.shortcutLabel.setObjectName(u"shortcutLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.shortcutLabel)

        self.shortcutSpin = QSpinBox(TemplateManager)
        self.shortcutSpin.setObjectName(u"shortcutSpin")
        self.shortcutSpin.setMinimum(0)
        self.shortcutSpin.setMaximum(9)

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.shortcutSpin)

        self.textLabel = QLabel(TemplateManager)
        self.textLabel.setObjectName(u"textLabel")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.textLabel)

        self.textEdit = QPlainTextEdit(TemplateManager)
        self.textEdit.setObjectName(u"textEdit")

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.textEdit)


        self.rightColumn.addLayout(self.form)

        self.placeholderHelp = QLabel(TemplateManager)
        self.placeholderHelp.setObjectName(u"placeholderHelp")
        self.placeholderHelp.setWordWrap(True)

        self.rightColumn.addWidget(self.placeholderHelp)

        self.previewLabel = QLabel(TemplateManager)
        self.previewLabel.setObjectName(u"previewLabel")
        self.previewLabel.setWordWrap(True)

        self.rightColumn.addWidget(self.previewLabel)

        self.errorLabel = QLabel(TemplateManager)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.rightColumn.addWidget(self.errorLabel)

        self.bottomButtons = QHBoxLayout()
        self.bottomButtons.setObjectName(u"bottomButtons")
        self.importButton = QPushButton(TemplateManager)
        self.importButton.setObjectName(u"importButton")

        self.bottomButtons.addWidget(self.importButton)

        self.exportButton = QPushButton(TemplateManager)
        self.exportButton.setObjectName(u"exportButton")

        self.bottomButtons.addWidget(self.exportButton)

        self.hspacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.bottomButtons.addItem(self.hspacer)

        self.saveButton = QPushButton(TemplateManager)
        self.saveButton.setObjectName(u"saveButton")

        self.bottomButtons.addWidget(self.saveButton)

        self.closeButton = QPushButton(TemplateManager)
        self.closeButton.setObjectName(u"closeButton")

        self.bottomButtons.addWidget(self.closeButton)


        self.rightColumn.addLayout(self.bottomButtons)


        self.layout.addLayout(self.rightColumn)

#if QT_CONFIG(shortcut)
        self.nameLabel.setBuddy(self.nameEdit)
        self.langLabel.setBuddy(self.langCombo)
        self.codeLabel.setBuddy(self.codeCombo)
        self.shortcutLabel.setBuddy(self.shortcutSpin)
        self.textLabel.setBuddy(self.textEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(TemplateManager)

        self.saveButton.setDefault(True)


        QMetaObject.connectSlotsByName(TemplateManager)
    # setupUi

    def retranslateUi(self, TemplateManager):
        TemplateManager.setWindowTitle(QCoreApplication.translate("TemplateManager", u"Reason templates", None))
#if QT_CONFIG(accessibility)
        self.actionCombo.setAccessibleName(QCoreApplication.translate("TemplateManager", u"Action", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.templateList.setAccessibleName(QCoreApplication.translate("TemplateManager", u"Templates", None))
#endif // QT_CONFIG(accessibility)
        self.addButton.setText(QCoreApplication.translate("TemplateManager", u"New", None))
        self.deleteButton.setText(QCoreApplication.translate("TemplateManager", u"Delete", None))
        self.upButton.setText(QCoreApplication.translate("TemplateManager", u"Up", None))
        self.downButton.setText(QCoreApplication.translate("TemplateManager", u"Down", None))
        self.nameLabel.setText(QCoreApplication.translate("TemplateManager", u"Name", None))
        self.langLabel.setText(QCoreApplication.translate("TemplateManager", u"Buyer language", None))
#if QT_CONFIG(tooltip)
        self.langCombo.setToolTip(QCoreApplication.translate("TemplateManager", u"The language of the text the buyer receives. Buyers on the platform read Chinese; the console's own language does not change it.", None))
#endif // QT_CONFIG(tooltip)
        self.codeLabel.setText(QCoreApplication.translate("TemplateManager", u"Reason code", None))
        self.shortcutLabel.setText(QCoreApplication.translate("TemplateManager", u"Shortcut key", None))
        self.textLabel.setText(QCoreApplication.translate("TemplateManager", u"Text", None))
        self.placeholderHelp.setText("")
        self.previewLabel.setText("")
        self.errorLabel.setText("")
        self.importButton.setText(QCoreApplication.translate("TemplateManager", u"Import\u2026", None))
        self.exportButton.setText(QCoreApplication.translate("TemplateManager", u"Export\u2026", None))
        self.saveButton.setText(QCoreApplication.translate("TemplateManager", u"Save", None))
        self.closeButton.setText(QCoreApplication.translate("TemplateManager", u"Close", None))
    # retranslateUi

